import type { z } from 'zod';
import { nearest } from './nearest.js';

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(top level)' : out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

/** Known keys of the object at a path, for "did you mean" on unknown keys. */
export type KnownKeys = (path: readonly PropertyKey[], raw: unknown) => readonly string[];

/** One readable sentence per zod issue: the field path, what was expected, what was found. */
export function describeIssue(issue: z.core.$ZodIssue, raw: unknown, knownKeys: KnownKeys): string {
  const where = formatPath(issue.path);
  switch (issue.code) {
    case 'invalid_type':
      return `${where}: expected ${issue.expected}, got ${describeValue(valueAt(raw, issue.path))}`;
    case 'unrecognized_keys': {
      const known = knownKeys(issue.path, raw);
      return issue.keys
        .map((key) => {
          const guess = nearest(key, known);
          const hint = guess ? ` (did you mean "${guess}"?)` : known.length > 0 ? ` (known keys: ${known.join(', ')})` : '';
          return `${formatPath([...issue.path, key])}: unknown key${hint}`;
        })
        .join('; ');
    }
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      if (Array.isArray(options)) {
        const got = valueAt(raw, issue.path);
        const guess = typeof got === 'string' ? nearest(got, options.map(String)) : undefined;
        const hint = guess ? ` (did you mean "${guess}"?)` : '';
        return `${where}: expected one of ${options.map((o) => JSON.stringify(o)).join(', ')}, got ${describeValue(got)}${hint}`;
      }
      return `${where}: ${issue.message}`;
    }
    case 'too_small':
    case 'too_big':
    case 'invalid_format':
    case 'invalid_value':
    case 'custom':
      return `${where}: expected ${issue.message.replace(/^(Invalid input: expected |Too small: expected |Too big: expected )/, '')}, got ${describeValue(valueAt(raw, issue.path))}`;
    default:
      return `${where}: ${issue.message}`;
  }
}
