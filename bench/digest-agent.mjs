// The scripted agent that bench/digest.mjs and the digest tests count attempts with: it reads
// nothing but the digest and fixes exactly the `file:line` positions the digest names. Plain
// JavaScript so that the benchmark runs it without a build; its types are in digest-agent.d.mts.

/**
 * What a literal-minded agent reads in a digest: every `file:line` position it names, exactly —
 * `file:line:col` entries, `file lines 1–3, 5:` group entries and the overview's exact line sets
 * (`src/a.ts — 10 × TS2322 (lines 1–10)`); not the `N lines between a and b` spans, which are not
 * exact. Self-contained (no imports, no outer names): the integration test's agent script is this
 * function's own source text.
 * @param {string} digest
 * @returns {string[]} sorted `file:line` positions
 */
export function namedPositions(digest) {
  const out = new Set();
  const expand = (file, list) => {
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
    if (group) expand(group[1], group[2]);
    const overview = /^ {2}(\S+) — .*\((?:line|lines) ([\d–, ]+)\)$/.exec(line);
    if (overview) expand(overview[1], overview[2]);
  }
  return [...out].sort();
}

/**
 * The loop with that agent, on results as sets of positions: attempt 1 is the gate run before any
 * agent call; each later attempt's results lose every failure at a position the previous digest
 * named. Returns the attempt whose results are all green, or Infinity past `maxAttempts`.
 * @template {{ status: string, diagnostics: readonly { file?: string, line?: number }[] }} R
 * @param {R[]} start
 * @param {(results: R[]) => string} digestOf
 * @param {number} maxAttempts
 * @returns {number}
 */
export function attemptsToGreen(start, digestOf, maxAttempts) {
  let results = start;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    if (results.every((r) => r.diagnostics.length === 0)) return attempt;
    const fixed = new Set(namedPositions(digestOf(results)));
    results = results.map((r) => {
      const left = r.diagnostics.filter((d) => !fixed.has(`${d.file}:${d.line}`));
      return { ...r, diagnostics: left, status: left.length > 0 ? 'failed' : 'passed' };
    });
  }
  return Infinity;
}
