import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { defineGate, erroredOutcome } from '../src/core/gate.js';
import { runProcess } from '../src/core/process.js';
import { resolveBin, toolOrMissing } from '../src/core/resolve-tool.js';
import { toRepoPath } from '../src/core/paths.js';
import { plural } from '../src/core/result.js';
import { describeAbnormalEnd } from './abnormal-end.js';
import { parseVitestJson } from './parse/vitest-json.js';
import { projectTool } from '../src/core/tool-info.js';

const options = z
  .strictObject({
    args: z.array(z.string()).optional().describe('Extra arguments for `vitest run` (a project, a filter, --config).'),
    related: z.boolean().optional().describe('In a changed-files scope, run only the tests related to the changed files (default false).'),
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
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'gatekeeper-vitest-'));
    const reportFile = path.join(tmp, 'report.json');
    try {
      const related = opts.related === true && ctx.scope.mode === 'changed' ? ['related', ...ctx.scope.files, '--run'] : ['run'];
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
      return { status: 'passed', diagnostics, summary: counts, output: run.output };
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  },
});
