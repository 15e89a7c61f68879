import { git } from './git.js';

/** One file a change touched, with the line ranges of the new version it added or rewrote. */
export interface TouchedFile {
  file: string;
  /** Inclusive; a pure deletion is the line it happened at. */
  ranges: [number, number][];
}

export interface TreeDiff {
  /** `git diff` between the two trees, three lines of context, as a patch a person can read. */
  patch: string;
  files: TouchedFile[];
}

const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

/** Reads `git diff -U0`: `+++ b/<file>` starts a file, each hunk header gives a new-side range. */
export function touchedFiles(zeroContextDiff: string): TouchedFile[] {
  const files: TouchedFile[] = [];
  let current: TouchedFile | undefined;
  let previous = '';
  for (const line of zeroContextDiff.split('\n')) {
    const before = previous;
    previous = line;
    if (line.startsWith('diff --git ')) current = undefined;
    else if (line.startsWith('--- a/') && current === undefined) current = { file: line.slice(6), ranges: [] };
    else if (line.startsWith('+++ ') && before.startsWith('--- ') && (current === undefined || current.ranges.length === 0)) {
      const file = line === '+++ /dev/null' ? current?.file : line.slice(6);
      current = { file: file ?? '', ranges: [] };
      files.push(current);
    } else {
      const m = HUNK.exec(line);
      if (!m || !current) continue;
      const start = Number(m[1]);
      const count = m[2] === undefined ? 1 : Number(m[2]);
      current.ranges.push(count === 0 ? [Math.max(1, start), Math.max(1, start)] : [start, start + count - 1]);
    }
  }
  return files.filter((f) => f.file !== '');
}

/** What changed between two tree objects (checkpoints), without touching the work tree or the index. */
export async function diffTrees(repoRoot: string, from: string, to: string): Promise<TreeDiff> {
  const base = ['-c', 'core.quotePath=false', 'diff', '--no-color', '--no-ext-diff', '--no-renames'];
  const [patch, zero] = await Promise.all([git([...base, from, to], repoRoot), git([...base, '-U0', from, to], repoRoot)]);
  return { patch, files: touchedFiles(zero) };
}
