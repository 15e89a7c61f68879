import { erroredOutcome, type GateContext, type GateOutcome } from '../../src/core/gate.js';
import type { RunOutcome } from '../../src/core/process.js';
import { resolveBin, toolOrMissing } from '../../src/core/resolve-tool.js';
import { plural, type Diagnostic } from '../../src/core/result.js';
import { changesSince, readLastGreen, writeLastGreen } from '../../src/cache/last-green.js';
import { takeSnapshot, type TreeSnapshot } from '../../src/cache/tree-snapshot.js';
import { parseVitestJson, type VitestParse } from '../parse/vitest-json.js';
import { selectTests, type TestSelection } from '../test-selection.js';
import { runWithReport } from './report-file.js';
import type { RunnerOptions } from './runner-options.js';
import { repoDiagnostics, testVerdict } from './verdict.js';
import { unhandledErrors } from './vitest-unhandled.js';

interface GreenPlan {
  selection: TestSelection;
  /** The cache settings the green record is keyed by; undefined: the cache is off, remember nothing. */
  settings?: string;
  /** The tree before the run, when it could be read. */
  before?: TreeSnapshot;
}

/** Whole suite or related tests, from the tree the whole suite last passed on (gates/test-selection.ts). */
async function planSinceGreen(incremental: boolean, ctx: GateContext): Promise<GreenPlan> {
  if (ctx.cacheSettings === undefined) return { selection: { kind: 'whole', reason: 'the cache is off' } };
  const before = await takeSnapshot(ctx.root, ctx.repoRoot);
  if (before === undefined) return { selection: { kind: 'whole', reason: 'the tree cannot be read through git' }, settings: ctx.cacheSettings };
  if (!incremental) return { selection: { kind: 'whole', reason: '"incremental": false' }, settings: ctx.cacheSettings, before };
  const green = await readLastGreen(ctx.cacheDir, ctx.cacheSettings);
  return { selection: selectTests(green && changesSince(green, before)), settings: ctx.cacheSettings, before };
}

/** After a whole-suite pass: keep its tree, unless files changed while the tests ran. */
async function rememberGreen(plan: GreenPlan, ctx: GateContext): Promise<void> {
  if (plan.selection.kind !== 'whole' || plan.settings === undefined || plan.before === undefined) return;
  const after = await takeSnapshot(ctx.root, ctx.repoRoot);
  if (after === undefined) return;
  const moved = changesSince(plan.before, after);
  if (moved.changed.length > 0 || moved.deleted.length > 0) return;
  // Losing the record only costs a whole-suite run next time.
  await writeLastGreen(ctx.cacheDir, plan.settings, after).catch(() => undefined);
}

/** The files to ask `vitest related` about: the changed files of a scoped run, or what changed since the last green tree; undefined: the whole suite. */
function relatedFiles(scoped: boolean, plan: GreenPlan | undefined, ctx: GateContext): readonly string[] | undefined {
  if (scoped) return ctx.scope.files;
  return plan?.selection.kind === 'related' ? plan.selection.files : undefined;
}

function vitestArgs(entry: string, reportFile: string, relatedTo: readonly string[] | undefined, scoped: boolean, opts: RunnerOptions): string[] {
  // Since the last green run, no related test is a pass (the suite passed and nothing imports the change): ask Vitest to exit 0 then.
  const mode = relatedTo ? ['related', ...relatedTo, '--run', ...(scoped ? [] : ['--passWithNoTests'])] : ['run'];
  return [entry, ...mode, '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`, '--includeTaskLocation', ...opts.args];
}

/**
 * The verdict of a run of only the tests that import what changed since the whole suite last
 * passed, when none of them failed: the tests that import none of the changed files cannot have
 * changed their verdict.
 */
function passSinceGreen(parsed: VitestParse, diagnostics: Diagnostic[], run: RunOutcome, what: string, files: readonly string[]): GateOutcome {
  const counts = `${parsed.passed} passed, ${parsed.failed} failed${parsed.skipped > 0 ? `, ${parsed.skipped} skipped` : ''}`;
  const since = `${plural(files.length, 'file')} changed since the whole suite last passed`;
  const summary = parsed.passed === 0 ? `no test imports the ${since}` : `${counts}: the tests that import the ${since}`;
  if (run.exitCode !== 0) return erroredOutcome(`${what} exited with code ${run.exitCode} although no related test failed (${counts})`, run.output, diagnostics);
  return { status: 'passed', diagnostics, summary, output: run.output };
}

/** Every test passed, but Vitest failed the run for errors outside them (a type error under --typecheck): they fail the gate, named. */
function unhandledVerdict(parsed: VitestParse, diagnostics: Diagnostic[], output: string, count: number): GateOutcome {
  const summary = `${parsed.passed} passed, 0 failed, but ${plural(count, 'unhandled error')} failed the run`;
  return { status: 'failed', diagnostics, summary, output };
}

/** A whole-suite or scoped verdict; a whole-suite pass is remembered as the new green tree. */
async function suiteVerdict(parsed: VitestParse, diagnostics: Diagnostic[], run: RunOutcome, what: string, scoped: boolean, plan: GreenPlan | undefined, ctx: GateContext): Promise<GateOutcome> {
  const outcome = testVerdict(parsed, diagnostics, run, what, scoped);
  if (outcome.status !== 'passed') return outcome;
  if (plan && !scoped) await rememberGreen(plan, ctx);
  const why = plan?.selection.kind === 'whole' && plan.settings !== undefined ? `gatekeeper: the whole suite ran: ${plan.selection.reason}\n` : '';
  return { ...outcome, output: `${why}${outcome.output}` };
}

/**
 * The project's own Vitest as a child process with its JSON reporter; `related` through
 * `vitest related`; after a whole-suite pass, only the tests that import what changed since.
 */
export async function runVitest(opts: RunnerOptions, ctx: GateContext): Promise<GateOutcome> {
  const vitest = toolOrMissing(() => resolveBin('vitest', 'vitest', ctx.root));
  if ('status' in vitest) return vitest;
  const what = `vitest ${vitest.version}`;
  const scoped = opts.related && ctx.scope.mode === 'changed';
  const plan = scoped ? undefined : await planSinceGreen(opts.incremental, ctx);
  const relatedTo = relatedFiles(scoped, plan, ctx);
  const runner = { what, reportName: 'report.json', args: (reportFile: string) => vitestArgs(vitest.entry, reportFile, relatedTo, scoped, opts), parse: (text: string) => parseVitestJson(text) };
  return runWithReport(runner, ctx, (parsed, run) => {
    const diagnostics = repoDiagnostics(parsed.diagnostics.map((d) => ({ ...d, file: d.file ?? '' })), ctx);
    const unhandled = parsed.failed === 0 && parsed.brokenFiles === 0 && run.exitCode !== 0 ? unhandledErrors(run.output) : [];
    if (unhandled.length > 0) return unhandledVerdict(parsed, [...diagnostics, ...repoDiagnostics(unhandled, ctx)], run.output, unhandled.length);
    const sinceGreen = plan?.selection.kind === 'related' && parsed.failed === 0 && parsed.brokenFiles === 0 ? plan.selection.files : undefined;
    return sinceGreen ? passSinceGreen(parsed, diagnostics, run, what, sinceGreen) : suiteVerdict(parsed, diagnostics, run, what, scoped, plan, ctx);
  });
}
