import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UserFacingError } from '../../core/errors.js';
import type { LedgerStats } from '../stats.js';
import { statsPage } from './stats-page.js';

function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // Its folder could not be written either: there is nothing to remove.
  }
}

/** Writes the page beside its final name first, then renames: a reader never sees half a page. */
export function writeStatsPage(file: string, stats: LedgerStats): { path: string; bytes: number } {
  const target = path.resolve(file);
  const html = statsPage(stats);
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(temporary, html);
    renameSync(temporary, target);
  } catch (error) {
    removeQuietly(temporary);
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UserFacingError(`--html ${file}: could not write the page (${code}). Name a file in a folder you can write to, e.g. --html gatekeeper-stats.html.`);
  }
  return { path: target, bytes: Buffer.byteLength(html) };
}
