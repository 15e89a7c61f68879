import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { ALWAYS_EXCLUDED } from '../core/file-set.js';
import { chooseTsconfig, type TsconfigChoice } from './choose-tsconfig.js';

export const SOURCE_EXTENSIONS = '{ts,tsx,mts,cts,js,jsx,mjs,cjs}';
const ESLINT_FLAT_CONFIGS = ['js', 'mjs', 'cjs', 'ts', 'mts', 'cts'].map((ext) => `eslint.config.${ext}`);
const VITEST_CONFIGS = ['ts', 'mts', 'cts', 'js', 'mjs', 'cjs'].flatMap((ext) => [`vitest.config.${ext}`, `vitest.workspace.${ext}`]);
const LEGACY_ESLINT = /^\.eslintrc(\.(js|cjs|json|yaml|yml))?$/;

interface PackageJson {
  scripts?: Record<string, unknown>;
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
  buildScript?: string;
  vitest?: string;
  otherTestScript?: string;
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
  for (const dir of ['src', 'lib']) {
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

export async function detectProject(root: string): Promise<ProjectFacts> {
  const pkg = readPackageJson(root);
  const entries = readdirSync(root);
  const buildScript = pkg.scripts?.['build'];
  const facts: ProjectFacts = {};
  const tsconfig = chooseTsconfig(root);
  if (tsconfig) facts.tsconfig = tsconfig;
  const eslintConfig = ESLINT_FLAT_CONFIGS.find((f) => entries.includes(f));
  if (eslintConfig) facts.eslintConfig = eslintConfig;
  const legacy = entries.find((f) => LEGACY_ESLINT.test(f));
  if (legacy) facts.legacyEslintConfig = legacy;
  const sources = await findSources(root);
  if (sources) facts.sources = sources;
  if (typeof buildScript === 'string') facts.buildScript = buildScript;
  const vitest = findVitest(root, pkg);
  if (vitest) facts.vitest = vitest;
  else {
    const testScript = realTestScript(pkg);
    if (testScript) facts.otherTestScript = testScript;
  }
  return facts;
}
