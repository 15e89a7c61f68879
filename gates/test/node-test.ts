import type { GateContext, GateOutcome } from '../../src/core/gate.js';
import { parseJunit } from '../../src/parsers/junit.js';
import { runWithReport } from './report-file.js';
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
  // CI shards (src/run/shard.ts) add Vitest's and Jest's `--shard=i/n`; Node spells it --test-shard.
  const own = opts.args.map((a) => a.replace(/^--shard=/, '--test-shard='));
  const runner = {
    what,
    reportName: 'junit.xml',
    reportKind: 'JUnit report',
    args: (reportFile: string) => ['--test', '--test-reporter=junit', `--test-reporter-destination=${reportFile}`, '--test-reporter=spec', '--test-reporter-destination=stdout', ...own],
    parse: parseJunit,
  };
  return runWithReport(runner, ctx, (parsed, run) => testVerdict({ ...parsed, brokenFiles: 0 }, repoDiagnostics(parsed.diagnostics, ctx), run, what, false));
}
