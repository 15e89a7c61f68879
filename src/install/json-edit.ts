import { applyEdits, modify, type FormattingOptions } from 'jsonc-parser';

/** The file's own indentation and line ends, so that an edit looks as if its author made it. */
export function detectFormatting(text: string): FormattingOptions {
  const indented = /^([ \t]+)\S/m.exec(text)?.[1] ?? '  ';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return indented.startsWith('\t') ? { insertSpaces: false, tabSize: 1, eol } : { insertSpaces: true, tabSize: indented.length, eol };
}

/** Sets (or, with `undefined`, removes) one value; every other byte of the file stays as it was. */
export function setJsonValue(text: string, at: (string | number)[], value: unknown): string {
  return applyEdits(text, modify(text, at, value, { formattingOptions: detectFormatting(text) }));
}

/** Strict JSON (package.json is read by npm, which allows no comments); undefined when it is not an object. */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
