/**
 * A gate that fails without diagnostics (a build, a command) is the same failure on the base when
 * its error lines are the same once paths, numbers and timings are taken out.
 */
export function errorLines(output: string, roots: readonly string[]): string[] {
  let text = output;
  for (const root of roots) if (root !== '') text = text.split(root).join('<root>');
  return text
    .split(/\r?\n/)
    .filter((l) => /error|fail/i.test(l))
    .map((l) =>
      l
        // eslint-disable-next-line no-control-regex
        .replace(/\u001b\[[\d;]*m/g, '')
        .replace(/(?:\/[\w.@-]+)+\/([\w.@-]+)/g, '$1')
        .replace(/\d+(\.\d+)?/g, '#')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((l) => l !== '');
}

export function sameFailureOutput(current: string, base: string, currentRoots: readonly string[], baseRoots: readonly string[]): boolean {
  const now = errorLines(current, currentRoots);
  const then = errorLines(base, baseRoots);
  return now.length > 0 && now.length === then.length && now.every((l, i) => l === then[i]);
}
