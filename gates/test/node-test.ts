import { erroredOutcome, type GateContext, type GateOutcome } from '../../src/core/gate.js';
import { runProcess } from '../../src/core/process.js';
import { parseJunit } from '../../src/parsers/junit.js';
import { describeAbnormalEnd } from '../abnormal-end.js';
import { readReport, withReportFile } from './report-file.js';
import type { RunnerOptions } from './runner-options.js';
import { repoDiagnostics, testVerdict } from './verdict.js';

/**
 * Node's own test runner (`node --test`), with the Node that runs Gatekeeper: its built-in JUnit
 * reporter (Node 20.10+) to a file for the verdict, `spec` on stdout for people. `args` are
 * passed after `--test` (test files, `--test-name-pattern`, `--import tsx`…). Node has no
 * related-tests mode, so `related` runs every test.
 */
export async function runNodeTest(opts: RunnerOptions, ctx: GateContext): Promise<GateOutcome> {
  const what = `node --test (Node ${process.versions.node})`;
  return withReportFile('junit.xml', async (reportFile) => {
    // CI shards (src/run/shard.ts) add Vitest's and Jest's `--shard=i/n`; Node spells it --test-shard.
    const own = opts.args.map((a) => a.replace(/^--shard=/, '--test-shard='));
    const args = ['--test', '--test-reporter=junit', `--test-reporter-destination=${reportFile}`, '--test-reporter=spec', '--test-reporter-destination=stdout', ...own];
    const run = await runProcess(process.execPath, args, { cwd: ctx.root, timeoutMs: ctx.timeoutMs, signal: ctx.signal, env: { CI: 'true' } });
    const abnormal = describeAbnormalEnd(run, what, ctx.timeoutMs);
    if (abnormal) return abnormal;
    const text = await readReport(reportFile);
    if (text === undefined || text.trim() === '') return erroredOutcome(`${what} exited with code ${run.exitCode} and wrote no JUnit report`, run.output);
    let parsed;
    try {
      parsed = parseJunit(text);
    } catch (error) {
      return erroredOutcome(`${what} wrote a report Gatekeeper could not read: ${(error as Error).message}`, run.output);
    }
    const diagnostics = repoDiagnostics(parsed.diagnostics, ctx);
    return testVerdict({ ...parsed, brokenFiles: 0 }, diagnostics, run, what, false);
  });
}
