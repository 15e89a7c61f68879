/** A source line as matching sees it: indentation and spacing do not matter. */
export function normaliseLine(text: string | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * A message with the parts an ordinary edit changes taken out: numbers (line references, counts,
 * columns) and absolute paths. Identifiers stay: "'a' is unused" and "'b' is unused" are two findings.
 */
export function normaliseMessage(message: string): string {
  return message
    .replace(/(?:\/[\w.@-]+)+\/([\w.@-]+)/g, '$1')
    .replace(/\d+(\.\d+)?/g, '#')
    .replace(/\s+/g, ' ')
    .trim();
}
