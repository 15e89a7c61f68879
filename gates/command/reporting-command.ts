import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { erroredOutcome, type GateContext, type GateOutcome } from '../../src/core/gate.js';
import { runProcess } from '../../src/core/process.js';
import { toRepoPath } from '../../src/core/paths.js';
import { describeCount, plural, type Diagnostic } from '../../src/core/result.js';
import { describeAbnormalEnd } from '../abnormal-end.js';
import { withoutColour } from '../../src/core/ansi.js';
import { readReport, type ReadReport, type ReportFormat } from './report-formats.js';

export interface ReportingCommand {
  command: string;
  cwd?: string;
  format: ReportFormat;
  report?: string;
}

/** Clock granularity of file systems' modification times, so that a report written at once still counts as new. */
const MTIME_SLACK_MS = 50;

/** The report's text, or why there is none this run can vouch for (missing, or left over from an earlier run). */
async function reportText(file: string, startedAt: number): Promise<string | { missing: string }> {
  try {
    const info = await stat(file);
    if (info.mtimeMs < startedAt - MTIME_SLACK_MS) return { missing: 'is older than this run (the command did not write it)' };
    return await readFile(file, 'utf8');
  } catch {
    return { missing: 'does not exist' };
  }
}

function verdict(read: ReadReport, exitCode: number, what: string, output: string): GateOutcome {
  const { diagnostics, tests } = read;
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (tests) {
    const tally = `${tests.passed} passed, ${tests.failed} failed${tests.skipped > 0 ? `, ${tests.skipped} skipped` : ''}`;
    if (tests.failed > 0) return { status: 'failed', diagnostics, summary: tally, output };
    if (tests.passed === 0) return erroredOutcome(`no tests ran (the JUnit report of ${what} has ${plural(tests.skipped, 'skipped test')} and none executed)`, output, diagnostics);
    if (exitCode !== 0) return { status: 'failed', diagnostics, summary: `${what} exited with code ${exitCode} although its report has no failure (${tally})`, output };
    return { status: 'passed', diagnostics, summary: tally, output };
  }
  if (errors.length > 0) {
    const warnings = diagnostics.length - errors.length;
    return { status: 'failed', diagnostics, summary: `${describeCount(errors, 'error')}${warnings > 0 ? `, ${plural(warnings, 'warning')}` : ''}`, output };
  }
  if (exitCode !== 0) return { status: 'failed', diagnostics, summary: `${what} exited with code ${exitCode}; its report has no error`, output };
  const warnings = diagnostics.length;
  return { status: 'passed', diagnostics, summary: warnings > 0 ? `${plural(warnings, 'warning')}, no errors` : `${what} succeeded`, output };
}

/**
 * A command whose report is the verdict: the report's errors (or failed tests) fail the gate even
 * when the command exits 0 (Semgrep, CodeQL), a non-zero exit fails it even when the report is
 * clean. A report that is missing, stale or unreadable is `errored`: the verdict is unknown.
 */
export async function runReportingCommand(opts: ReportingCommand, ctx: GateContext): Promise<GateOutcome> {
  const dir = opts.cwd === undefined ? ctx.root : path.resolve(ctx.root, opts.cwd);
  const what = `\`${opts.command}\``;
  const startedAt = Date.now();
  const run = await runProcess(opts.command, [], { cwd: dir, shell: true, timeoutMs: ctx.timeoutMs, signal: ctx.signal });
  const abnormal = describeAbnormalEnd(run, what, ctx.timeoutMs);
  if (abnormal) return abnormal;
  const exitCode = run.exitCode ?? -1;
  let text: string;
  let source: string;
  if (opts.report !== undefined) {
    const file = path.resolve(dir, opts.report);
    source = `its report ${toRepoPath(ctx.repoRoot, file)}`;
    const found = await reportText(file, startedAt);
    if (typeof found !== 'string') return erroredOutcome(`${what} exited with code ${exitCode}, and ${source} ${found.missing}`, run.output);
    text = found;
  } else {
    source = 'its output';
    if (run.stdoutTruncated) return erroredOutcome(`${what} printed more than Gatekeeper reads whole; write the report to a file and name it in "report"`, run.output);
    // Line formats may come on stderr (gcc); the combined output is bounded, so stdout when it has them.
    text = (opts.format === 'tsc' || opts.format === 'gnu') && run.stdout.trim() === '' ? run.output : withoutColour(run.stdout);
  }
  let read: ReadReport;
  try {
    read = readReport(opts.format, text);
  } catch (error) {
    return erroredOutcome(`${what} exited with code ${exitCode}, and ${source} is unreadable as ${opts.format}: ${(error as Error).message}`, run.output);
  }
  const diagnostics: Diagnostic[] = read.diagnostics.map((d) => (d.file === undefined ? d : { ...d, file: toRepoPath(ctx.repoRoot, d.file, dir) }));
  return verdict({ ...read, diagnostics }, exitCode, what, run.output);
}
