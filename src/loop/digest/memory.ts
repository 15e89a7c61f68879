import type { DiagnosticGroup } from './group.js';
import { clip } from './clip.js';

/** What one agent call changed: the files and the line ranges (in the new version) it touched. */
export interface AgentChange {
  /** The attempt whose agent call made the change. */
  attempt: number;
  files: { file: string; ranges: [number, number][] }[];
  /** Where the full diff is kept, repo-relative. */
  diffPath?: string;
}

function rangeText([from, to]: [number, number]): string {
  return from === to ? String(from) : `${from}–${to}`;
}

/** `src/x.ts:10–14, 20` */
export function touchedText(entry: AgentChange['files'][number], maxRanges = 4): string {
  const shown = entry.ranges.slice(0, maxRanges).map(rangeText).join(', ');
  const more = entry.ranges.length > maxRanges ? ` +${entry.ranges.length - maxRanges} more` : '';
  return entry.ranges.length === 0 ? entry.file : `${entry.file}:${shown}${more}`;
}

/** The head's lines about the agent's last call: what it changed, and how much of the failure survived it. */
export function changeLines(change: AgentChange | undefined, groups: readonly DiagnosticGroup[], room: number): string[] {
  if (change === undefined) return [];
  const diff = change.diffPath ? ` (full diff: ${change.diffPath})` : '';
  if (change.files.length === 0) return [`Attempt ${change.attempt}'s agent call changed no file.`];
  const shownFiles: string[] = [];
  let length = 0;
  for (const f of change.files) {
    const text = touchedText(f);
    if (length + text.length > room && shownFiles.length > 0) break;
    shownFiles.push(text);
    length += text.length + 2;
  }
  const more = change.files.length > shownFiles.length ? ` and ${change.files.length - shownFiles.length} more files` : '';
  const lines = [clip(`Attempt ${change.attempt} changed ${shownFiles.join(', ')}${more}${diff}.`, room + 200)];
  const stale = groups.filter((g) => g.standing === 'still' || g.standing === 'back');
  if (stale.length > 0) {
    const touched = new Set(change.files.map((f) => f.file));
    const inTouched = stale.filter((g) => g.file !== undefined && touched.has(g.file)).reduce((n, g) => n + g.count, 0);
    const total = stale.reduce((n, g) => n + g.count, 0);
    lines.push(`${total} failure${total === 1 ? '' : 's'} survived that change (${inTouched} in files it touched): the fix tried there did not work; marked [still failing] below.`);
  }
  return lines;
}

/** The marker after a detail entry: `[new]`, `[still failing; survived attempt 2's change to src/x.ts:10–14]`. */
export function standingMarker(group: DiagnosticGroup, change: AgentChange | undefined): string {
  switch (group.standing) {
    case 'first':
      return '';
    case 'new':
      return '  [new]';
    case 'back':
    case 'still': {
      const label = group.standing === 'back' ? 'came back after being fixed' : 'still failing';
      const touched = change?.files.find((f) => f.file === group.file);
      return touched && change ? `  [${label}; survived attempt ${change.attempt}'s change to ${touchedText(touched, 3)}]` : `  [${label}]`;
    }
  }
}
