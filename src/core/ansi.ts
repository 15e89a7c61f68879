/** Text without terminal colour codes (SGR `ESC[...m`): a runner told to colour (`--colors`, FORCE_COLOR) colours its reports too. */
export function withoutColour(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[\d;]*m/g, '');
}
