import { readFileSync } from 'node:fs';
import path from 'node:path';

const WIDTH = 160;

/** Reads repo-relative files once per digest; a missing or unreadable file has no excerpt. */
export function sourceReader(repoRoot: string): (file: string) => string[] | undefined {
  const cache = new Map<string, string[] | undefined>();
  return (file) => {
    if (!cache.has(file)) {
      try {
        cache.set(file, readFileSync(path.join(repoRoot, file), 'utf8').split(/\r?\n/));
      } catch {
        cache.set(file, undefined);
      }
    }
    return cache.get(file);
  };
}

/** A few numbered lines around `line`, the line itself marked with `>`. */
export function excerpt(lines: readonly string[] | undefined, line: number | undefined, around = 2): string[] {
  if (!lines || line === undefined || line < 1 || line > lines.length) return [];
  const first = Math.max(1, line - around);
  const last = Math.min(lines.length, line + around);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = (lines[n - 1] ?? '').replace(/\t/g, '  ');
    const cut = text.length > WIDTH ? `${text.slice(0, WIDTH)}…` : text;
    out.push(`${n === line ? '>' : ' '} ${String(n).padStart(width)} | ${cut}`.trimEnd());
  }
  return out;
}
