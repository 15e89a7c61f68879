import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { ALWAYS_EXCLUDED } from '../core/file-set.js';
import { linterConfigs, type LinterName } from '../../gates/lint/detect-linter.js';
import { JEST_CONFIGS } from '../../gates/test/detect-runner.js';
import { chooseTsconfig, type TsconfigChoice } from './choose-tsconfig.js';
import { COMPLEXITY_EXCLUDE, complexityStart, type ComplexityStart } from './complexity-start.js';
import { detectPackageManager, runnablePackageManager, type PackageManager } from '../install/package-manager.js';
import { scriptCommands } from './script-commands.js';
import { checkScripts, gatesFromScripts, isCheckCommand, type ScriptGate, type Uncovered } from './script-gates.js';

export const SOURCE_EXTENSIONS = '{ts,tsx,mts,cts,js,jsx,mjs,cjs}';
const ESLINT_FLAT_CONFIGS = ['js', 'mjs', 'cjs', 'ts', 'mts', 'cts'].map((ext) => `eslint.config.${ext}`);
const VITEST_CONFIGS = ['ts', 'mts', 'cts', 'js', 'mjs', 'cjs'].flatMap((ext) => [`vitest.config.${ext}`, `vitest.workspace.${ext}`]);
const LEGACY_ESLINT = /^\.eslintrc(\.(js|cjs|json|yaml|yml))?$/;

interface PackageJson {
  scripts?: Record<string, unknown>;
  jest?: unknown;
  dependencies?: Record<string, unknown>;
  devDependencies?: Record<string, unknown>;
}

/** What `gatekeeper init` found in a project; each field is a reason for (or against) a gate. */
export interface ProjectFacts {
  tsconfig?: TsconfigChoice;
  eslintConfig?: string;
  legacyEslintConfig?: string;
  /** Globs of the TS/JS sources, relative to the root. */
  sources?: { include: string[]; where: string };
  /** Complexity limits today's sources meet, where the defaults would fail them. */
  complexity?: ComplexityStart;
  buildScript?: string;
  vitest?: string;
  /** Why Jest is the project's runner, when it is installed or configured and Vitest is not. */
  jest?: string;
  otherTestScript?: string;
  packageManager: PackageManager;
  /** Why scripts run through another package manager than the one the project declares. */
  packageManagerNote?: string;
  /** Linters whose config files are at the root, ESLint first. */
  linters: { linter: LinterName; config: string }[];
  /** The gates the project's check scripts call for (tsc, eslint, biome, oxlint, vitest, jest, node --test). */
  scriptGates: ScriptGate[];
  /** Commands of the check scripts that no gate covers. */
  uncovered: Uncovered[];
}

function readPackageJson(root: string): PackageJson {
  try {
    return JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as PackageJson;
  } catch {
    return {};
  }
}

function isDir(file: string): boolean {
  return existsSync(file) && statSync(file).isDirectory();
}

async function findSources(root: string): Promise<ProjectFacts['sources']> {
  const dirs: string[] = [];
  // source/ is the layout of sindresorhus's packages (ky, got, …), where init once proposed no complexity gate.
  for (const dir of ['src', 'lib', 'source']) {
    if (!isDir(path.join(root, dir))) continue;
    const files = await glob([`${dir}/**/*.${SOURCE_EXTENSIONS}`], { cwd: root, ignore: [...ALWAYS_EXCLUDED, '**/*.d.ts'] });
    if (files.length > 0) dirs.push(dir);
  }
  if (dirs.length > 0) return { include: dirs.map((d) => `${d}/**/*.${SOURCE_EXTENSIONS}`), where: dirs.map((d) => `${d}/`).join(' and ') };
  const topLevel = await glob([`*.${SOURCE_EXTENSIONS}`], { cwd: root, ignore: ['*.d.ts', '*.config.*'] });
  return topLevel.length > 0 ? { include: [`*.${SOURCE_EXTENSIONS}`], where: `${topLevel.length} source files at the top level` } : undefined;
}

function findVitest(root: string, pkg: PackageJson): string | undefined {
  for (const field of ['devDependencies', 'dependencies'] as const) {
    if (pkg[field]?.['vitest'] !== undefined) return `vitest is in ${field}`;
  }
  const config = VITEST_CONFIGS.find((f) => existsSync(path.join(root, f)));
  return config === undefined ? undefined : `${config} exists`;
}

/** npm's placeholder test script fails on purpose; it is not a test suite. */
function realTestScript(pkg: PackageJson): string | undefined {
  const script = pkg.scripts?.['test'];
  return typeof script === 'string' && !script.includes('no test specified') ? script : undefined;
}

function findJest(root: string, pkg: PackageJson): string | undefined {
  for (const field of ['devDependencies', 'dependencies'] as const) {
    if (pkg[field]?.['jest'] !== undefined) return `jest is in ${field}`;
  }
  if (pkg.jest !== undefined) return 'package.json has a "jest" section';
  const config = JEST_CONFIGS.find((f) => existsSync(path.join(root, f)));
  return config === undefined ? undefined : `${config} exists`;
}

function stringScripts(pkg: PackageJson): Record<string, string> {
  return Object.fromEntries(Object.entries(pkg.scripts ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** The project's test runner: Vitest, else Jest, else a `test` script that runs something. */
function testRunnerFacts(root: string, pkg: PackageJson): Pick<ProjectFacts, 'vitest' | 'jest' | 'otherTestScript'> {
  const vitest = findVitest(root, pkg);
  if (vitest) return { vitest };
  const jest = findJest(root, pkg);
  if (jest) return { jest };
  const testScript = realTestScript(pkg);
  return testScript ? { otherTestScript: testScript } : {};
}

export async function detectProject(root: string): Promise<ProjectFacts> {
  const pkg = readPackageJson(root);
  const entries = readdirSync(root);
  const buildScript = pkg.scripts?.['build'];
  const { packageManager, note: packageManagerNote } = runnablePackageManager(detectPackageManager(root));
  const scripts = stringScripts(pkg);
  const seen = new Set<string>();
  const commands = checkScripts(scripts).flatMap((name) => scriptCommands(scripts, name, seen)).filter(isCheckCommand);
  const fromScripts = gatesFromScripts(commands, packageManager.name);
  const facts: ProjectFacts = { packageManager, linters: linterConfigs(root), scriptGates: fromScripts.gates, uncovered: fromScripts.uncovered };
  if (packageManagerNote !== undefined) facts.packageManagerNote = packageManagerNote;
  const tsconfig = chooseTsconfig(root);
  if (tsconfig) facts.tsconfig = tsconfig;
  const eslintConfig = ESLINT_FLAT_CONFIGS.find((f) => entries.includes(f));
  if (eslintConfig) facts.eslintConfig = eslintConfig;
  const legacy = entries.find((f) => LEGACY_ESLINT.test(f));
  if (legacy) facts.legacyEslintConfig = legacy;
  const sources = await findSources(root);
  if (sources) {
    facts.sources = sources;
    facts.complexity = await complexityStart(root, sources.include, COMPLEXITY_EXCLUDE);
  }
  if (typeof buildScript === 'string') facts.buildScript = buildScript;
  return Object.assign(facts, testRunnerFacts(root, pkg));
}
