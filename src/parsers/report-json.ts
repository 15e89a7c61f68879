/**
 * Small readers shared by the report parsers: each parser takes untrusted text and either returns
 * what it says or throws a ReportFormatError naming what was expected — never another exception.
 */
export class ReportFormatError extends Error {}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function asArray(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

/** A 1-based line or column, or undefined for anything else (0, negatives, strings, NaN). */
export function positiveInt(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined;
}

export function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** JSON text that must be an object; `what` names it in the error ("SARIF log"). */
export function parseJsonReport(text: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ReportFormatError(`not a ${what}: not JSON (${(error as Error).message})`);
  }
  const record = asRecord(value);
  if (!record) throw new ReportFormatError(`not a ${what}: the JSON is not an object`);
  return record;
}
