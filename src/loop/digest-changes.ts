import { formatDiagnostic } from '../format/diagnostic-text.js';
import { subtract, type Failure } from './fingerprint.js';

const LISTED = 5;

function describe(f: Failure): string {
  return f.diagnostic ? `${f.gate}: ${formatDiagnostic(f.diagnostic)}` : `${f.gate}: ${f.key.split('\u0001').at(-1) ?? ''}`;
}

/** The earlier attempt (not the previous one) whose failures were exactly these, if any. */
function sameAsEarlier(history: readonly (readonly Failure[])[], fingerprints: readonly (string | null)[], current: string | null): number | undefined {
  for (let i = history.length - 2; i >= 0; i--) if (fingerprints[i] === current && current !== null) return i + 1;
  return undefined;
}

export interface ChangeInput {
  current: readonly Failure[];
  fingerprint: string | null;
  /** Every earlier attempt's failures and fingerprints, attempt 1 first. */
  history: readonly (readonly Failure[])[];
  fingerprints: readonly (string | null)[];
}

/** Failures of the current attempt that were not failing in the previous one. */
export function newSincePrevious(input: ChangeInput): Failure[] {
  const previous = input.history.at(-1);
  return previous ? subtract(input.current, previous) : [];
}

/** "Since attempt 2: 1 fixed, 1 new, 2 still failing", what was fixed, and whether it goes in circles. */
export function describeChanges(input: ChangeInput): string[] {
  const previous = input.history.at(-1);
  if (!previous) return [];
  const n = input.history.length;
  const fixed = subtract(previous, input.current);
  const added = subtract(input.current, previous);
  const lines = [`Since attempt ${n}: ${fixed.length} fixed, ${added.length} new, ${input.current.length - added.length} still failing.`];
  for (const f of fixed.slice(0, LISTED)) lines.push(`  fixed: ${describe(f)}`);
  if (fixed.length > LISTED) lines.push(`  … and ${fixed.length - LISTED} more fixed`);
  const circle = sameAsEarlier(input.history, input.fingerprints, input.fingerprint);
  if (circle !== undefined) {
    lines.push(`Going in circles: these are exactly the failures of attempt ${circle}. Undoing the last change brought them back; try a different approach.`);
    return lines;
  }
  const earlier = input.history.slice(0, -1).flat();
  const returned = added.filter((f) => earlier.some((e) => e.key === f.key));
  if (returned.length > 0) lines.push(`Going in circles: ${returned.length} of the new failures were already seen in an earlier attempt and had been fixed.`);
  return lines;
}
