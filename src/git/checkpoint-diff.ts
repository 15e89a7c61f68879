import { git } from './git.js';

/** One file a change touched, with the line ranges of the new version it added or rewrote. */
export interface TouchedFile {
  file: string;
  /** Inclusive; a pure deletion is the line it happened at. */
  ranges: [number, number][];
}

export interface CheckpointDiff {
  /** `git diff` between the two trees, three lines of context, as a patch a person can read. */
  patch: string;
  files: TouchedFile[];
}

const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

/** Where a reading of a `-U0` diff is: the files so far, and the file its hunks belong to. */
interface DiffReading {
  files: TouchedFile[];
  current?: TouchedFile;
}

/** A `+++` line right after its `---` line starts a file's hunks (not a `+++` line inside a hunk). */
function startsHunks(line: string, before: string, current: TouchedFile | undefined): boolean {
  return line.startsWith('+++ ') && before.startsWith('--- ') && (current === undefined || current.ranges.length === 0);
}

/** A hunk header's new-side range, inclusive; a pure deletion is the line it happened at. */
function hunkRange(line: string): [number, number] | undefined {
  const m = HUNK.exec(line);
  if (!m) return undefined;
  const start = Number(m[1]);
  const count = m[2] === undefined ? 1 : Number(m[2]);
  return count === 0 ? [Math.max(1, start), Math.max(1, start)] : [start, start + count - 1];
}

function readLine(r: DiffReading, line: string, before: string): void {
  if (line.startsWith('diff --git ')) r.current = undefined;
  else if (line.startsWith('--- a/') && r.current === undefined) r.current = { file: line.slice(6), ranges: [] };
  else if (startsHunks(line, before, r.current)) {
    // A deleted file's `+++ /dev/null`: the file is the old side's name.
    const file = line === '+++ /dev/null' ? r.current?.file : line.slice(6);
    r.current = { file: file ?? '', ranges: [] };
    r.files.push(r.current);
  } else {
    const range = hunkRange(line);
    if (range && r.current) r.current.ranges.push(range);
  }
}

/** Reads `git diff -U0`: `+++ b/<file>` starts a file, each hunk header gives a new-side range. */
export function touchedFiles(zeroContextDiff: string): TouchedFile[] {
  const reading: DiffReading = { files: [] };
  let previous = '';
  for (const line of zeroContextDiff.split('\n')) {
    readLine(reading, line, previous);
    previous = line;
  }
  return reading.files.filter((f) => f.file !== '');
}

/** What changed between two tree objects (two checkpoints of the loop), without touching the work tree or the index. */
export async function diffTrees(repoRoot: string, from: string, to: string): Promise<CheckpointDiff> {
  const base = ['-c', 'core.quotePath=false', 'diff', '--no-color', '--no-ext-diff', '--no-renames'];
  const [patch, zero] = await Promise.all([git([...base, from, to], repoRoot), git([...base, '-U0', from, to], repoRoot)]);
  return { patch, files: touchedFiles(zero) };
}
