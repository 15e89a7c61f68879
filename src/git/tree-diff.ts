import { git, splitNul } from './git.js';

/** One `@@ -oldStart,oldCount +newStart,newCount @@` of a zero-context diff. */
export interface Hunk {
  oldStart: number;
  oldCount: number;
  newStart: number;
  newCount: number;
}

/** How the tree at `repoRoot` differs from a base commit: renames, and the changed lines of each file. */
export interface TreeDiff {
  /** Current path → its path in the base, for every file git sees as renamed (or copied). */
  renamedFrom: Map<string, string>;
  /** Current path → the hunks that turn its base version into this one; absent: unchanged (or untracked). */
  hunks: Map<string, Hunk[]>;
  /** Current paths that git reports as added (not in the base under any name). */
  added: Set<string>;
}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** A path as git prints it in a diff header: plain, or C-quoted when it holds unusual characters. */
function unquote(raw: string): string {
  if (!raw.startsWith('"')) return raw;
  return raw.slice(1, -1).replace(/\\(["\\])/g, '$1').replace(/\\t/g, '\t').replace(/\\n/g, '\n');
}

function parseHunks(patch: string): Map<string, Hunk[]> {
  const hunks = new Map<string, Hunk[]>();
  let current: Hunk[] | undefined;
  let previous = '';
  for (const line of patch.split('\n')) {
    const header = line.startsWith('+++ ') && previous.startsWith('--- ');
    previous = line;
    if (header) {
      const target = line.slice(4);
      current = target === '/dev/null' ? undefined : [];
      if (current) hunks.set(unquote(target), current);
      continue;
    }
    const m = HUNK.exec(line);
    if (m && current) {
      current.push({ oldStart: Number(m[1]), oldCount: m[2] === undefined ? 1 : Number(m[2]), newStart: Number(m[3]), newCount: m[4] === undefined ? 1 : Number(m[4]) });
    }
  }
  return hunks;
}

function parseNameStatus(text: string): Pick<TreeDiff, 'renamedFrom' | 'added'> {
  const fields = splitNul(text);
  const renamedFrom = new Map<string, string>();
  const added = new Set<string>();
  for (let i = 0; i < fields.length; ) {
    const status = fields[i] ?? '';
    if (status.startsWith('R') || status.startsWith('C')) {
      renamedFrom.set(fields[i + 2] ?? '', fields[i + 1] ?? '');
      i += 3;
      continue;
    }
    if (status === 'A') added.add(fields[i + 1] ?? '');
    i += 2;
  }
  return { renamedFrom, added };
}

/**
 * The work tree of `repoRoot` against `base` (tracked files), rename-aware (`git diff -M`). Paths
 * are repository-relative. Zero context lines, so that each hunk is exactly the changed lines.
 */
export async function treeDiff(repoRoot: string, base: string): Promise<TreeDiff> {
  const common = ['-c', 'core.quotePath=false', 'diff', '--no-color', '--no-ext-diff', '-M', base];
  const names = await git([...common, '--name-status', '-z', '--'], repoRoot);
  const patch = await git([...common, '-U0', '--no-prefix', '--'], repoRoot);
  return { ...parseNameStatus(names), hunks: parseHunks(patch) };
}
