import type { GateConfig } from '../config/schema.js';
import { execBin, type PackageManagerName } from '../install/package-manager.js';
import type { ScriptCommand } from './script-commands.js';

/** A gate a script calls for, before it gets its id. */
export interface ScriptGate {
  gate: Omit<GateConfig, 'id'>;
  /** The id it would like ("typecheck", "lint"); plan.ts makes ids unique. */
  name: string;
  /** "follows "check": tsc --project tsconfig.source.json". */
  reason: string;
}

/** A command a check script runs that no gate covers, and the command gate that would. */
export interface Uncovered {
  script: string;
  /** An id for its gate: the tool's name. */
  name: string;
  text: string;
  command: string;
}

/** Commands that only prepare or tidy; not checks worth a gate. */
const NOT_CHECKS = new Set(['echo', 'rm', 'rimraf', 'del', 'del-cli', 'cp', 'mv', 'mkdir', 'cd', 'true', 'exit', 'shx', 'wait', 'sleep', 'printf', 'clear']);

/** The value after a flag (`-p x`, `--project=x`), and the words with both removed. */
function takeFlag(words: string[], names: readonly string[]): { value?: string; rest: string[] } {
  const rest: string[] = [];
  let value: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const eq = names.find((n) => word.startsWith(`${n}=`));
    if (eq !== undefined) value = word.slice(eq.length + 1);
    else if (names.includes(word) && i + 1 < words.length) value = words[++i];
    else rest.push(word);
  }
  return value === undefined ? { rest } : { value, rest };
}

function drop(words: string[], unwanted: (w: string) => boolean): string[] {
  return words.filter((w) => !unwanted(w));
}

function binName(word: string | undefined): string {
  return (word ?? '').replace(/^.*node_modules\/\.bin\//, '');
}

/** The paths a linter was given, unless that is just `.` (the gate's default: the whole project). */
function lintPatterns(patterns: string[]): { patterns?: string[] } {
  return patterns.length > 0 && !(patterns.length === 1 && patterns[0] === '.') ? { patterns } : {};
}

function follows(c: ScriptCommand): string {
  return `follows "${c.script}": ${c.text}`;
}

function typecheckGate(c: ScriptCommand, args: string[]): ScriptGate | 'uncovered' | undefined {
  if (args.some((a) => a === '-b' || a === '--build' || a === '-w' || a === '--watch' || a === '--init' || a === '-v' || a === '--version')) return 'uncovered';
  const { value: project, rest } = takeFlag(args, ['-p', '--project']);
  const extra = drop(rest, (w) => w === '--noEmit' || w.startsWith('--pretty') || w === '--incremental');
  if (extra.some((w) => !w.startsWith('-'))) return 'uncovered'; // tsc on named files: not a project check
  const name = project === undefined ? 'typecheck' : `typecheck-${project.replace(/^.*\//, '').replace(/^tsconfig\.?|\.json$/g, '') || 'main'}`;
  return {
    gate: { kind: 'typecheck', project: project ?? 'tsconfig.json', ...(extra.length > 0 ? { args: extra } : {}) },
    name: name === 'typecheck-main' ? 'typecheck' : name,
    reason: follows(c),
  };
}

function maxWarningsOf(args: string[], names: readonly string[]): { maxWarnings?: number; rest: string[] } {
  const { value, rest } = takeFlag(args, names);
  const n = value === undefined ? NaN : Number(value);
  return Number.isInteger(n) ? { maxWarnings: n, rest } : { rest };
}

function eslintGate(c: ScriptCommand, args: string[]): ScriptGate | 'uncovered' | undefined {
  if (args.some((a) => a === '--fix' || a.startsWith('--fix-') || a === '-c' || a.startsWith('--config') || a === '--init')) return args.includes('--fix') ? undefined : 'uncovered';
  const { maxWarnings, rest } = maxWarningsOf(args, ['--max-warnings']);
  const { rest: noExt } = takeFlag(rest, ['--ext', '--cache-location', '--cache-strategy', '-f', '--format', '-o', '--output-file']);
  const patterns = noExt.filter((w) => !w.startsWith('-'));
  const gate: Omit<GateConfig, 'id'> = { kind: 'lint', linter: 'eslint', ...lintPatterns(patterns) };
  if (maxWarnings !== undefined) gate['maxWarnings'] = maxWarnings;
  return { gate, name: 'lint', reason: follows(c) };
}

function biomeGate(c: ScriptCommand, args: string[]): ScriptGate | 'uncovered' | undefined {
  const [sub, ...rest] = args;
  if (sub !== 'lint' && sub !== 'check' && sub !== 'ci') return sub === 'format' && !rest.includes('--write') ? 'uncovered' : undefined;
  if (rest.some((a) => a === '--write' || a === '--fix' || a === '--apply')) return undefined;
  const patterns = rest.filter((w) => !w.startsWith('-'));
  const gate: Omit<GateConfig, 'id'> = { kind: 'lint', linter: 'biome', ...lintPatterns(patterns) };
  if (rest.includes('--error-on-warnings')) gate['maxWarnings'] = 0;
  return { gate, name: 'lint-biome', reason: follows(c) };
}

const OXLINT_VALUE_FLAGS = ['-c', '--config', '-D', '--deny', '-A', '--allow', '-W', '--warn', '--tsconfig', '--ignore-path', '--ignore-pattern', '--plugin'];

/** oxlint's own flags (kept, with their values, as the gate's args) apart from the paths it lints. */
function oxlintArgs(words: string[]): { flags: string[]; patterns: string[] } {
  const flags: string[] = [];
  const patterns: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    if (OXLINT_VALUE_FLAGS.includes(w) && i + 1 < words.length) flags.push(w, words[++i] ?? '');
    else if (w === '--deny-warnings') continue;
    else if (w.startsWith('-')) flags.push(w);
    else patterns.push(w);
  }
  return { flags, patterns };
}

function oxlintGate(c: ScriptCommand, args: string[]): ScriptGate | 'uncovered' | undefined {
  if (args.includes('--fix') || args.includes('--init')) return undefined;
  const { maxWarnings, rest } = maxWarningsOf(args, ['--max-warnings']);
  const { flags, patterns } = oxlintArgs(takeFlag(rest, ['-f', '--format']).rest);
  const gate: Omit<GateConfig, 'id'> = { kind: 'lint', linter: 'oxlint', ...lintPatterns(patterns) };
  const max = args.includes('--deny-warnings') ? 0 : maxWarnings;
  if (max !== undefined) gate['maxWarnings'] = max;
  if (flags.length > 0) gate['args'] = flags;
  return { gate, name: 'lint-oxlint', reason: follows(c) };
}

function vitestGate(c: ScriptCommand, args: string[]): ScriptGate | undefined {
  const [first] = args;
  if (first === 'dev' || first === 'watch' || first === 'bench' || args.includes('--watch') || args.includes('--ui')) return undefined;
  const { rest } = takeFlag(first === 'run' ? args.slice(1) : args, ['--reporter', '--outputFile']);
  const kept = drop(rest, (w) => w === '--run' || w.startsWith('--reporter=') || w.startsWith('--outputFile') || w === '--passWithNoTests' || w === '--silent');
  return { gate: { kind: 'test', runner: 'vitest', ...(kept.length > 0 ? { args: kept } : {}) }, name: 'test', reason: follows(c) };
}

function jestGate(c: ScriptCommand, args: string[]): ScriptGate | undefined {
  if (args.some((a) => a.startsWith('--watch'))) return undefined;
  const { rest } = takeFlag(args, ['--outputFile']);
  const kept = drop(rest, (w) => w === '--ci' || w === '--json' || w.startsWith('--outputFile=') || w === '--passWithNoTests' || w === '--silent');
  return { gate: { kind: 'test', runner: 'jest', ...(kept.length > 0 ? { args: kept } : {}) }, name: 'test', reason: follows(c) };
}

function nodeTestGate(c: ScriptCommand, args: string[]): ScriptGate | undefined {
  if (!args.includes('--test') || args.includes('--watch')) return undefined;
  const { rest } = takeFlag(args, ['--test-reporter', '--test-reporter-destination']);
  const kept = drop(rest, (w) => w === '--test' || w.startsWith('--test-reporter'));
  return { gate: { kind: 'test', runner: 'node', ...(kept.length > 0 ? { args: kept } : {}) }, name: 'test', reason: follows(c) };
}

/** The gate one command of a check script calls for; 'uncovered' when no gate runs what it checks; undefined when it checks nothing. */
function gateFor(c: ScriptCommand): ScriptGate | 'uncovered' | undefined {
  const [tool, ...args] = c.words;
  switch (binName(tool)) {
    case 'tsc':
      return typecheckGate(c, args);
    case 'eslint':
      return eslintGate(c, args);
    case 'biome':
      return biomeGate(c, args);
    case 'oxlint':
      return oxlintGate(c, args);
    case 'vitest':
      return vitestGate(c, args);
    case 'jest':
      return jestGate(c, args);
    case 'node':
      return args.includes('--test') ? nodeTestGate(c, args) : 'uncovered';
    case 'prettier':
      // Only a check is a check: `prettier --write` changes files.
      return args.some((a) => a === '--check' || a === '-c' || a === '--list-different' || a === '-l') ? 'uncovered' : undefined;
    default:
      return NOT_CHECKS.has(binName(tool)) ? undefined : 'uncovered';
  }
}

/** The gates that check scripts' commands call for, and the checks no gate covers (with the command gate that would). */
export function gatesFromScripts(commands: readonly ScriptCommand[], pm: PackageManagerName): { gates: ScriptGate[]; uncovered: Uncovered[] } {
  const gates: ScriptGate[] = [];
  const uncovered: Uncovered[] = [];
  const seen = new Set<string>();
  for (const c of commands) {
    const found = gateFor(c);
    if (found === undefined) continue;
    if (found === 'uncovered') {
      // In a script node_modules/.bin is on PATH; in a command gate's shell it is not.
      const command = /^(npx|bunx|node|sh|bash|(pnpm|yarn|bun) exec)\s|^[A-Za-z_][A-Za-z0-9_]*=/.test(c.text) ? c.text : execBin(pm, c.text);
      if (!seen.has(command)) uncovered.push({ script: c.script, name: binName(c.words[0]).replace(/[^\w.-]/g, '') || 'check', text: c.text, command });
      seen.add(command);
      continue;
    }
    const key = JSON.stringify(found.gate);
    if (seen.has(key)) continue;
    seen.add(key);
    gates.push(found);
  }
  return { gates, uncovered };
}

/** The scripts that check something, in the order their gates are cheapest: types, lint, tests, the rest. */
export function checkScripts(scripts: Record<string, string>): string[] {
  const rank = (name: string): number => {
    if (/^(typecheck|type-check|types|tsc|check-types|check:types)$/.test(name)) return 0;
    if (/^(check|lint|lint:.*|check:.*|format:check|fmt:check|prettier:check|typecheck:.*)$/.test(name)) return 1;
    if (/^(test|tests|test:.*)$/.test(name)) return 2;
    if (/^(validate|verify|ci)$/.test(name)) return 3;
    return -1;
  };
  return Object.keys(scripts)
    // A script that fixes, writes or watches is not a check, whatever its prefix.
    .filter((name) => rank(name) >= 0 && !/(^|:)(fix|write|watch|update|dev|ui)$/.test(name))
    .sort((a, b) => rank(a) - rank(b));
}

/** Commands inside the build, release and dev scripts are theirs, not checks (a build gate runs the build). */
export function isCheckCommand(c: ScriptCommand): boolean {
  return !/^(pre|post)?(build|prepare|prepack|prepublishOnly|release|dev|start|watch)(:|$)/.test(c.script);
}
