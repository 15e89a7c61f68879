import { erroredOutcome, type GateContext, type GateOutcome } from '../../src/core/gate.js';
import { runProcess } from '../../src/core/process.js';
import { resolveBin, toolOrMissing } from '../../src/core/resolve-tool.js';
import { describeAbnormalEnd } from '../abnormal-end.js';
import { parseVitestJson } from '../parse/vitest-json.js';
import { readReport, withReportFile } from './report-file.js';
import type { RunnerOptions } from './runner-options.js';
import { repoDiagnostics, testVerdict } from './verdict.js';

/**
 * The project's own Jest as a child process: `--json --outputFile` for the verdict (the same
 * shape Vitest's JSON reporter copies), `--testLocationInResults` for each test's line,
 * `--findRelatedTests` for `related`. `--passWithNoTests` because Gatekeeper, not Jest, decides
 * what zero tests means (errored for a whole run, skipped for a related run).
 */
export async function runJest(opts: RunnerOptions, ctx: GateContext): Promise<GateOutcome> {
  const jest = toolOrMissing(() => resolveBin('jest', 'jest', ctx.root));
  if ('status' in jest) return jest;
  const what = `jest ${jest.version}`;
  return withReportFile('report.json', async (reportFile) => {
    const relatedOnly = opts.related && ctx.scope.mode === 'changed';
    const related = relatedOnly ? ['--findRelatedTests', ...ctx.scope.files] : [];
    const args = [jest.entry, '--ci', '--json', `--outputFile=${reportFile}`, '--testLocationInResults', '--passWithNoTests', ...opts.args, ...related];
    const run = await runProcess(process.execPath, args, { cwd: ctx.root, timeoutMs: ctx.timeoutMs, signal: ctx.signal, env: { CI: 'true' } });
    const abnormal = describeAbnormalEnd(run, what, ctx.timeoutMs);
    if (abnormal) return abnormal;
    const text = await readReport(reportFile);
    if (text === undefined) return erroredOutcome(`${what} exited with code ${run.exitCode} and wrote no report`, run.output);
    let parsed;
    try {
      parsed = parseVitestJson(text, 'Jest');
    } catch (error) {
      return erroredOutcome(`${what} wrote a report Gatekeeper could not read: ${(error as Error).message}`, run.output);
    }
    const diagnostics = repoDiagnostics(parsed.diagnostics.map((d) => ({ ...d, file: d.file ?? '' })), ctx);
    return testVerdict(parsed, diagnostics, run, what, relatedOnly);
  });
}
