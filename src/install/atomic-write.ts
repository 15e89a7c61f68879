import { renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Writes beside the file, then renames over it: a crash leaves the old file or the new one, never half of each. */
export function writeFileAtomic(file: string, text: string): void {
  let mode: number | undefined;
  try {
    mode = statSync(file).mode & 0o7777;
  } catch {
    // a new file gets the default mode
  }
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.gatekeeper-${process.pid}.tmp`);
  try {
    writeFileSync(temp, text, mode === undefined ? {} : { mode });
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
