import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** A fresh path for a runner's report file, removed (with its folder) once `use` is done. */
export async function withReportFile<T>(name: string, use: (file: string) => Promise<T>): Promise<T> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'gatekeeper-report-'));
  try {
    return await use(path.join(tmp, name));
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** The report's text, or undefined when the runner wrote none. */
export async function readReport(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}
