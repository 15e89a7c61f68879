import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { erroredOutcome, type GateContext, type GateOutcome } from '../../src/core/gate.js';
import { runProcess, type RunOutcome } from '../../src/core/process.js';
import { describeAbnormalEnd } from '../abnormal-end.js';

/** A fresh path for a runner's report file, removed (with its folder) once `use` is done. */
export async function withReportFile<T>(name: string, use: (file: string) => Promise<T>): Promise<T> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'gatekeeper-report-'));
  try {
    return await use(path.join(tmp, name));
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** The report's text, or undefined when the runner wrote none (or an empty file). */
export async function readReport(file: string): Promise<string | undefined> {
  try {
    const text = await readFile(file, 'utf8');
    return text.trim() === '' ? undefined : text;
  } catch {
    return undefined;
  }
}

/** A test runner that writes its verdict to a file: how to run it and how to read what it wrote. */
export interface ReportRunner<P> {
  /** `vitest 4.1.2`, for the summaries. */
  what: string;
  /** The report file's name (its folder is a fresh temporary one). */
  reportName: string;
  /** What the report is called in a summary: `report`, `JUnit report`. */
  reportKind?: string;
  /** Node's arguments, given the report file's path. */
  args(reportFile: string): readonly string[];
  /** Throws on a report it does not understand. */
  parse(text: string): P;
}

/**
 * Runs a test runner with the Node that runs Gatekeeper, in the project's root, and reads its
 * report. Every way the verdict is unknown — an abnormal end (never started, killed, timed out),
 * no report, a report the parser throws on — is `errored` with the run's output; otherwise
 * `judge` decides from the parsed report and the run.
 */
export async function runWithReport<P>(runner: ReportRunner<P>, ctx: GateContext, judge: (parsed: P, run: RunOutcome) => Promise<GateOutcome> | GateOutcome): Promise<GateOutcome> {
  return withReportFile(runner.reportName, async (reportFile) => {
    const run = await runProcess(process.execPath, runner.args(reportFile), { cwd: ctx.root, timeoutMs: ctx.timeoutMs, signal: ctx.signal, env: { CI: 'true' } });
    const abnormal = describeAbnormalEnd(run, runner.what, ctx.timeoutMs);
    if (abnormal) return abnormal;
    const text = await readReport(reportFile);
    if (text === undefined) return erroredOutcome(`${runner.what} exited with code ${run.exitCode} and wrote no ${runner.reportKind ?? 'report'}`, run.output);
    let parsed: P;
    try {
      parsed = runner.parse(text);
    } catch (error) {
      return erroredOutcome(`${runner.what} wrote a report Gatekeeper could not read: ${(error as Error).message}`, run.output);
    }
    return judge(parsed, run);
  });
}
