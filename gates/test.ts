import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { defineGate, erroredOutcome, type GateContext } from '../src/core/gate.js';
import { runProcess } from '../src/core/process.js';
import { resolveBin, toolOrMissing } from '../src/core/resolve-tool.js';
import { toRepoPath } from '../src/core/paths.js';
import { plural } from '../src/core/result.js';
import { describeAbnormalEnd } from './abnormal-end.js';
import { parseVitestJson } from './parse/vitest-json.js';
import { projectTool } from '../src/core/tool-info.js';
import { changesSince, readLastGreen, writeLastGreen } from '../src/cache/last-green.js';
import { takeSnapshot, type TreeSnapshot } from '../src/cache/tree-snapshot.js';
import { selectTests, type TestSelection } from './test-selection.js';

const options = z
  .strictObject({
    args: z.array(z.string()).optional().describe('Extra arguments for `vitest run` (a project, a filter, --config).'),
    related: z.boolean().optional().describe('In a changed-files scope, run only the tests related to the changed files (default false).'),
    incremental: z
      .boolean()
      .optional()
      .describe('After the whole suite passed, run only the tests that import the files changed since, when every changed file is a module reached by import; the whole suite otherwise (default true; false always runs the whole suite).'),
  })
  .describe('The project\'s own Vitest, as a child process with its JSON reporter.');

export default defineGate({
  kind: 'test',
  description: 'Runs the project\'s own Vitest; zero tests collected is an error, not a pass.',
  options,
  tool: (root) => projectTool('vitest', 'vitest', root),
  async run(opts, ctx) {
    const vitest = toolOrMissing(() => resolveBin('vitest', 'vitest', ctx.root));
    if ('status' in vitest) return vitest;
    const scoped = opts.related === true && ctx.scope.mode === 'changed';
    const plan = scoped ? undefined : await planSinceGreen(opts.incremental !== false, ctx);
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'gatekeeper-vitest-'));
    const reportFile = path.join(tmp, 'report.json');
    try {
      const relatedTo = scoped ? ctx.scope.files : plan?.selection.kind === 'related' ? plan.selection.files : undefined;
      // Since the last green run, no related test is a pass (the suite passed and nothing imports the change): ask Vitest to exit 0 then.
      const related = relatedTo ? ['related', ...relatedTo, '--run', ...(scoped ? [] : ['--passWithNoTests'])] : ['run'];
      const args = [vitest.entry, ...related, '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`, '--includeTaskLocation', ...(opts.args ?? [])];
      const run = await runProcess(process.execPath, args, { cwd: ctx.root, timeoutMs: ctx.timeoutMs, signal: ctx.signal, env: { CI: 'true' } });
      const what = `vitest ${vitest.version}`;
      const abnormal = describeAbnormalEnd(run, what, ctx.timeoutMs);
      if (abnormal) return abnormal;

      let text: string;
      try {
        text = await readFile(reportFile, 'utf8');
      } catch {
        return erroredOutcome(`${what} exited with code ${run.exitCode} and wrote no report`, run.output);
      }
      let parsed;
      try {
        parsed = parseVitestJson(text);
      } catch (error) {
        return erroredOutcome(`${what} wrote a report Gatekeeper could not read: ${(error as Error).message}`, run.output);
      }
      // Stack frames in messages are absolute paths; the digest and reports speak repo-relative.
      const diagnostics = parsed.diagnostics.map((d) => ({ ...d, file: toRepoPath(ctx.repoRoot, d.file ?? '', ctx.root), message: d.message.split(`${ctx.repoRoot}${path.sep}`).join('') }));
      const counts = `${parsed.passed} passed, ${parsed.failed} failed${parsed.skipped > 0 ? `, ${parsed.skipped} skipped` : ''}`;
      if (parsed.failed > 0 || parsed.brokenFiles > 0) {
        const broken = parsed.brokenFiles > 0 ? `, ${plural(parsed.brokenFiles, 'test file')} failed to load` : '';
        return { status: 'failed', diagnostics, summary: `${counts}${broken}`, output: run.output };
      }
      if (plan?.selection.kind === 'related') {
        // The whole suite passed on the green tree, and only these files changed since, each reached
        // by tests through imports alone: the tests that import none of them cannot have changed.
        const since = `${plural(plan.selection.files.length, 'file')} changed since the whole suite last passed`;
        const summary = parsed.passed === 0 ? `no test imports the ${since}` : `${counts}: the tests that import the ${since}`;
        if (run.exitCode !== 0) return erroredOutcome(`${what} exited with code ${run.exitCode} although no related test failed (${counts})`, run.output, diagnostics);
        return { status: 'passed', diagnostics, summary, output: run.output };
      }
      if (parsed.passed === 0 && parsed.skipped === 0 && related.length > 1) {
        // Only the tests related to the changed files were asked for, and there are none (a docs
        // change, a deletion): nothing to verify is not a failure. A whole run with none still is.
        return { status: 'skipped', diagnostics, summary: 'no tests are related to the changed files', output: run.output };
      }
      if (parsed.passed === 0) {
        // A green run that ran nothing proves nothing: fail closed.
        return erroredOutcome(`no tests ran (${what} collected ${parsed.passed + parsed.skipped} tests, none executed)`, run.output, diagnostics);
      }
      if (run.exitCode !== 0) {
        return erroredOutcome(`${what} exited with code ${run.exitCode} although every test passed (${counts})`, run.output, diagnostics);
      }
      if (plan && !scoped) await rememberGreen(plan, ctx);
      const why = plan?.selection.kind === 'whole' && plan.settings !== undefined ? `gatekeeper: the whole suite ran: ${plan.selection.reason}\n` : '';
      return { status: 'passed', diagnostics, summary: counts, output: `${why}${run.output}` };
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  },
});

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
