import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UserFacingError } from '../core/errors.js';

/** Where a reporter's text goes: stdout, or a file that appears whole or not at all. */
export interface Output {
  /** "stdout" or the file's path, for messages. */
  name: string;
  write(text: string): void;
}

export const stdoutOutput: Output = {
  name: 'stdout',
  write: (text) => {
    process.stdout.write(text);
  },
};

/**
 * A file written through a temporary sibling and a rename, so a CI step that reads it never
 * sees half a report, and a crash never leaves one behind.
 */
export function fileOutput(file: string): Output {
  const target = path.resolve(file);
  return {
    name: file,
    write(text) {
      try {
        writeAtomically(target, text);
      } catch (error) {
        // The gates' verdict is known; the report the user asked for could not be written.
        const code = (error as NodeJS.ErrnoException).code ?? String(error);
        throw new UserFacingError(`could not write the report ${file} (${code}); choose a path Gatekeeper can write to.`);
      }
    },
  };
}

export function writeAtomically(target: string, text: string): void {
  mkdirSync(path.dirname(target), { recursive: true });
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(temp, text);
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
