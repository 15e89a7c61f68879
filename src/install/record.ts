import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './atomic-write.js';

export const RECORD_FILE = path.join('.gatekeeper', 'install.json');

/** What `gatekeeper install` changed in this clone, so that uninstall takes back exactly that. */
export interface InstallRecord {
  huskyDevDependency?: { createdDevDependencies: boolean };
  prepare?: { previous?: string; written: string; createdScripts: boolean };
  hooksPath?: { previous?: string };
  huskyStubs?: boolean;
  prePush?: { createdFile: boolean; createdDir: boolean };
  /** `appended`: the exact text added at the end (a newline first when the file lacked one), so uninstall restores every byte. */
  gitignore?: { createdFile: boolean; appended?: string };
}

export function readRecord(repoRoot: string): InstallRecord | undefined {
  const file = path.join(repoRoot, RECORD_FILE);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as InstallRecord;
  } catch {
    return undefined;
  }
}

/** A later install adds to what the first one recorded; it never forgets what an earlier one added. */
export function mergeRecords(earlier: InstallRecord | undefined, later: InstallRecord): InstallRecord {
  return { ...later, ...(earlier ?? {}) };
}

export function writeRecord(repoRoot: string, record: InstallRecord): void {
  const file = path.join(repoRoot, RECORD_FILE);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic(file, `${JSON.stringify(record, null, 2)}\n`);
}

export function removeRecord(repoRoot: string): void {
  rmSync(path.join(repoRoot, RECORD_FILE), { force: true });
}
