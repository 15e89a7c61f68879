import { readFile } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import { z } from 'zod';
import { defineGate, erroredOutcome, type GateContext, type GateOutcome } from '../src/core/gate.js';
import { toRepoPath } from '../src/core/paths.js';
import { describeCount, plural, type Diagnostic } from '../src/core/result.js';
import { gitMaybe } from '../src/git/git.js';
import { resolveCommit } from '../src/git/scope.js';
import { diffWorkTree, isGatekeeperCheckpoint, logSince, readAtCommit } from '../src/git/work-tree-diff.js';
import { addedLineFindings } from '../src/guard/added-lines.js';
import { compareConfigs, type ThresholdRule } from '../src/guard/config-loosening.js';
import { DEFAULT_PROTECTED, protectedFileFindings } from '../src/guard/protected-files.js';
import { allowByTrailers, parseCommitLog, TRAILER_KEY, TRAILER_LOG_FORMAT, type LooseningCommit } from '../src/guard/trailers.js';
import { parseUnifiedDiff, type FileDiff } from '../src/guard/unified-diff.js';
import { DEFAULT_MAX_CYCLOMATIC, DEFAULT_MIN_MAINTAINABILITY } from './complexity.js';
import { DEFAULT_MAX_WARNINGS } from './lint.js';

export const DEFAULT_TEST_FILES = ['**/*.{test,spec}.{ts,tsx,mts,cts,js,jsx,mjs,cjs}', '**/__tests__/**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'];

const options = z
  .strictObject({
    protect: z.array(z.string()).optional().describe(`More globs of files no change may touch, beside ${JSON.stringify(DEFAULT_PROTECTED)}.`),
    testFiles: z.array(z.string()).optional().describe(`Globs of the test files, relative to the project root (default ${JSON.stringify(DEFAULT_TEST_FILES)}).`),
    allowTrailer: z.boolean().optional().describe(`Let a commit whose message has a "${TRAILER_KEY}: <reason>" trailer loosen what it touches, as warnings (default true; never in the loop).`),
  })
  .describe('Anti-gaming: fails on new suppressions, skipped or removed tests, protected files changed and loosened gate config since a base commit.');

/** src/config/load.ts names it too, but importing it from a gate would close an import cycle. */
const CONFIG_FILE = '.gatekeeper.json';

const noLimit = (value: number): number => (value < 0 ? Infinity : value);

const THRESHOLDS: readonly ThresholdRule[] = [
  { kind: 'complexity', option: 'maxCyclomatic', fallback: DEFAULT_MAX_CYCLOMATIC, looser: 'higher' },
  { kind: 'complexity', option: 'minMaintainability', fallback: DEFAULT_MIN_MAINTAINABILITY, looser: 'lower' },
  { kind: 'complexity', option: 'maxParams', fallback: Infinity, looser: 'higher' },
  { kind: 'lint', option: 'maxWarnings', fallback: DEFAULT_MAX_WARNINGS, looser: 'higher', normalise: noLimit },
];

interface Paths {
  isTestFile(repoPath: string): boolean;
  isProtected(repoPath: string): boolean;
  configPath: string;
}

/** Globs are written relative to the project root; diff paths are relative to the repository. */
function pathMatchers(opts: z.infer<typeof options>, ctx: GateContext): Paths {
  const rootPrefix = toRepoPath(ctx.repoRoot, ctx.root);
  const fromRoot = (repoPath: string): string => (rootPrefix === '' ? repoPath : path.posix.relative(rootPrefix, repoPath));
  const test = picomatch(opts.testFiles ?? DEFAULT_TEST_FILES, { dot: true });
  const guarded = picomatch([...DEFAULT_PROTECTED, ...(opts.protect ?? [])], { dot: true });
  return {
    isTestFile: (p) => test(fromRoot(p)),
    isProtected: (p) => guarded(fromRoot(p)),
    configPath: rootPrefix === '' ? CONFIG_FILE : `${rootPrefix}/${CONFIG_FILE}`,
  };
}

async function readNow(ctx: GateContext, repoPath: string): Promise<string | undefined> {
  return readFile(path.join(ctx.repoRoot, repoPath), 'utf8').catch(() => undefined);
}

async function testFindings(files: readonly FileDiff[], base: string, paths: Paths, ctx: GateContext): Promise<Diagnostic[]> {
  const findings: Diagnostic[] = [];
  // Loaded here, not at the top: it brings @babel/parser, and every run loads every gate's module.
  const { testFileFindings } = await import('../src/guard/test-files.js');
  for (const file of files) {
    if (file.oldPath === undefined || !paths.isTestFile(file.oldPath)) continue;
    const before = await readAtCommit(ctx.repoRoot, base, file.oldPath);
    if (before === undefined) continue;
    const after = file.newPath === undefined ? undefined : await readNow(ctx, file.newPath);
    findings.push(...testFileFindings(file, { before, ...(after === undefined ? {} : { after }) }, paths.isTestFile));
  }
  return findings;
}

async function configFindings(files: readonly FileDiff[], base: string, paths: Paths, ctx: GateContext): Promise<Diagnostic[]> {
  if (!files.some((f) => f.newPath === paths.configPath)) return [];
  const [before, after] = await Promise.all([readAtCommit(ctx.repoRoot, base, paths.configPath), readNow(ctx, paths.configPath)]);
  if (before === undefined || after === undefined) return [];
  return compareConfigs(before, after, THRESHOLDS).map((f) => ({ file: paths.configPath, line: f.line, code: f.code, message: f.message, severity: 'error' }));
}

/** In the loop the base is a checkpoint, and an agent's own commit must not vouch for itself. */
/** Every commit since the base (newest first), when trailers may allow anything at all. */
async function commitsSince(base: string, allowTrailer: boolean, ctx: GateContext): Promise<LooseningCommit[]> {
  if (!allowTrailer || (await isGatekeeperCheckpoint(ctx.repoRoot, base))) return [];
  return parseCommitLog(await logSince(ctx.repoRoot, base, TRAILER_LOG_FORMAT));
}

/** Repo-relative paths whose work-tree content is not HEAD's: edits no commit vouches for. */
async function uncommittedPaths(ctx: GateContext): Promise<Set<string>> {
  const changed = (await gitMaybe(['diff', '--name-only', '--no-renames', '-z', 'HEAD'], ctx.repoRoot)) ?? '';
  const untracked = (await gitMaybe(['ls-files', '-z', '--others', '--exclude-standard'], ctx.repoRoot)) ?? '';
  return new Set([...changed.split('\0'), ...untracked.split('\0')].filter((f) => f !== ''));
}

function verdict(findings: Diagnostic[], reasons: string[], base: string): GateOutcome {
  const errors = findings.filter((d) => d.severity === 'error');
  const allowed = findings.length - errors.length;
  const allowedNote = allowed > 0 ? `${plural(allowed, 'finding')} allowed by ${TRAILER_KEY}: ${reasons.join('; ')}` : '';
  const output = findings.map((d) => `${d.file ?? ''}:${d.line ?? 0} ${d.severity} ${d.code ?? ''} ${d.message}`).join('\n');
  if (errors.length > 0) {
    return { status: 'failed', diagnostics: findings, summary: [describeCount(errors, 'guard finding'), allowedNote].filter(Boolean).join('; '), output };
  }
  return { status: 'passed', diagnostics: findings, summary: allowedNote || `nothing loosened since ${base.slice(0, 7)}`, output };
}

export default defineGate({
  kind: 'guard',
  description: 'Anti-gaming: fails on new @ts-ignore/eslint-disable, skipped or removed tests, protected files changed and loosened gate config since a base commit.',
  options,
  async run(opts, ctx) {
    if ((await gitMaybe(['rev-parse', '--git-dir'], ctx.root)) === undefined) {
      return erroredOutcome(`the guard compares the work tree with a git commit, and ${ctx.root} is not in a git repository`);
    }
    const wanted = ctx.scope.base ?? 'HEAD';
    const base = await resolveCommit(wanted, ctx.root);
    if (base === undefined) {
      return ctx.scope.base === undefined
        ? { status: 'skipped', diagnostics: [], summary: 'no commit yet to compare with', output: '' }
        : erroredOutcome(`the base ${wanted} is not a commit in this repository`);
    }
    const files = parseUnifiedDiff(await diffWorkTree(ctx.root, base));
    const paths = pathMatchers(opts, ctx);
    const findings = [
      ...addedLineFindings(files, paths.isTestFile),
      ...(await testFindings(files, base, paths, ctx)),
      ...protectedFileFindings(files, paths.isProtected),
      ...(await configFindings(files, base, paths, ctx)),
    ];
    const commits = await commitsSince(base, opts.allowTrailer ?? true, ctx);
    const { findings: judged, reasons } = allowByTrailers(findings, commits, commits.length > 0 ? await uncommittedPaths(ctx) : new Set());
    return verdict(judged, reasons, base);
  },
});
