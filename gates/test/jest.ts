import type { GateContext, GateOutcome } from '../../src/core/gate.js';
import { resolveBin, toolOrMissing } from '../../src/core/resolve-tool.js';
import { parseVitestJson } from '../parse/vitest-json.js';
import { runWithReport } from './report-file.js';
import type { RunnerOptions } from './runner-options.js';
import { repoDiagnostics, testVerdict } from './verdict.js';

/**
 * The project's own Jest as a child process: `--json --outputFile` for the verdict (the same
 * shape Vitest's JSON reporter copies, so a failure carries the assertion's expected and received
 * and the first stack frame in the project's code the same way), `--testLocationInResults` for
 * each test's line, `--findRelatedTests` for `related`. `--passWithNoTests` because Gatekeeper,
 * not Jest, decides what zero tests means (errored for a whole run, skipped for a related run).
 */
export async function runJest(opts: RunnerOptions, ctx: GateContext): Promise<GateOutcome> {
  const jest = toolOrMissing(() => resolveBin('jest', 'jest', ctx.root));
  if ('status' in jest) return jest;
  const what = `jest ${jest.version}`;
  const relatedOnly = opts.related && ctx.scope.mode === 'changed';
  const related = relatedOnly ? ['--findRelatedTests', ...ctx.scope.files] : [];
  const runner = {
    what,
    reportName: 'report.json',
    args: (reportFile: string) => [jest.entry, '--ci', '--json', `--outputFile=${reportFile}`, '--testLocationInResults', '--passWithNoTests', ...opts.args, ...related],
    parse: (text: string) => parseVitestJson(text, 'Jest'),
  };
  return runWithReport(runner, ctx, (parsed, run) => {
    const diagnostics = repoDiagnostics(parsed.diagnostics.map((d) => ({ ...d, file: d.file ?? '' })), ctx);
    return testVerdict(parsed, diagnostics, run, what, relatedOnly);
  });
}
