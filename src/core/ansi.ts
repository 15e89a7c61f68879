/** Text without terminal colour codes (SGR `ESC[...m`): a runner told to colour (`--colors`, FORCE_COLOR) colours its reports too. */
export function withoutColour(text: string): string {
  // Most output has none: a stdout kept whole for a parser may be 32 MB, and a copy of it showed in peak memory.
  if (!text.includes('\u001b')) return text;
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[\d;]*m/g, '');
}
