import { erroredOutcome, type GateContext, type GateOutcome } from '../../src/core/gate.js';
import { runProcess } from '../../src/core/process.js';
import { resolveBin, toolOrMissing } from '../../src/core/resolve-tool.js';
import { toRepoPath } from '../../src/core/paths.js';
import { describeAbnormalEnd } from '../abnormal-end.js';
import { parseVitestJson } from '../parse/vitest-json.js';
import { readReport, withReportFile } from './report-file.js';
import type { RunnerOptions } from './runner-options.js';
import { testVerdict } from './verdict.js';

/** The project's own Vitest as a child process with its JSON reporter; `related` through `vitest related`. */
export async function runVitest(opts: RunnerOptions, ctx: GateContext): Promise<GateOutcome> {
  const vitest = toolOrMissing(() => resolveBin('vitest', 'vitest', ctx.root));
  if ('status' in vitest) return vitest;
  const what = `vitest ${vitest.version}`;
  return withReportFile('report.json', async (reportFile) => {
    const relatedOnly = opts.related && ctx.scope.mode === 'changed';
    const mode = relatedOnly ? ['related', ...ctx.scope.files, '--run'] : ['run'];
    const args = [vitest.entry, ...mode, '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`, '--includeTaskLocation', ...opts.args];
    const run = await runProcess(process.execPath, args, { cwd: ctx.root, timeoutMs: ctx.timeoutMs, signal: ctx.signal, env: { CI: 'true' } });
    const abnormal = describeAbnormalEnd(run, what, ctx.timeoutMs);
    if (abnormal) return abnormal;
    const text = await readReport(reportFile);
    if (text === undefined) return erroredOutcome(`${what} exited with code ${run.exitCode} and wrote no report`, run.output);
    let parsed;
    try {
      parsed = parseVitestJson(text);
    } catch (error) {
      return erroredOutcome(`${what} wrote a report Gatekeeper could not read: ${(error as Error).message}`, run.output);
    }
    const diagnostics = parsed.diagnostics.map((d) => ({ ...d, file: toRepoPath(ctx.repoRoot, d.file ?? '', ctx.root) }));
    return testVerdict(parsed, diagnostics, run, what, relatedOnly);
  });
}
