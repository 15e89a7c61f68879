/**
 * Where one line's string literals are, so that a cheat spelt inside a string (a test fixture, a
 * message) is not taken for a real comment. One line is all the guard sees, so this is a scanner,
 * not a parser: comments end the scan (`//`) or are stepped over (`/* *\/`), and a quote never
 * closed on the line is not a string — which keeps `x = /'/; // @ts-ignore` from hiding the
 * directive behind a quote that only looks like an opening one. A regex literal holding a quote
 * can still mislead it; that is the known limit.
 */
export function stringSpans(line: string): [start: number, end: number][] {
  const spans: [number, number][] = [];
  let i = 0;
  while (i < line.length) {
    const ch = line[i];
    if (ch === '/' && line[i + 1] === '/') break;
    if (ch === '/' && line[i + 1] === '*') {
      const close = line.indexOf('*/', i + 2);
      if (close < 0) break;
      i = close + 2;
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') {
      const end = closingQuote(line, i + 1, ch);
      if (end < 0) {
        i++;
        continue;
      }
      spans.push([i, end]);
      i = end + 1;
      continue;
    }
    i++;
  }
  return spans;
}

function closingQuote(line: string, from: number, quote: string): number {
  for (let j = from; j < line.length; j++) {
    if (line[j] === '\\') j++;
    else if (line[j] === quote) return j;
  }
  return -1;
}

export function insideString(spans: readonly [number, number][], index: number): boolean {
  return spans.some(([start, end]) => index > start && index < end);
}
