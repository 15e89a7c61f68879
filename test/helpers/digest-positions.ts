/**
 * What a literal-minded agent reads in a digest: every `file:line` position it names, exactly —
 * `file:line:col` entries, `file lines 1–3, 5:` group entries and the overview's exact line sets
 * (`src/a.ts — 10 × TS2322 (lines 1–10)`); not the `N lines between a and b` spans, which are not
 * exact. Self-contained (no imports, plain JavaScript once transpiled): the integration test's agent
 * script is this function's own source text.
 */
export function namedPositions(digest: string): string[] {
  const out = new Set<string>();
  const expand = (file: string, list: string): void => {
    for (const part of list.split(',')) {
      const m = /^\s*(\d+)(?:–(\d+))?\s*$/.exec(part);
      if (!m) continue;
      const from = Number(m[1]);
      const to = m[2] === undefined ? from : Number(m[2]);
      for (let n = from; n <= to; n++) out.add(`${file}:${n}`);
    }
  };
  for (const line of digest.split('\n')) {
    const single = /^(\S+):(\d+):\d+ /.exec(line);
    if (single) out.add(`${single[1]}:${single[2]}`);
    const group = /^(\S+) lines ([\d–, ]+?)(?: and \d+ more)?: /.exec(line);
    if (group) expand(group[1] as string, group[2] as string);
    const overview = /^ {2}(\S+) — .*\((?:line|lines) ([\d–, ]+)\)$/.exec(line);
    if (overview) expand(overview[1] as string, overview[2] as string);
  }
  return [...out].sort();
}
