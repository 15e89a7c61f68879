import type { Diagnostic } from '../core/result.js';
import type { Matching } from './match-lines.js';
import type { Sides } from './sides.js';

/** What identifies a finding across edits (a function's name, a test's full name) and how bad it is. */
export interface Identity {
  key: string;
  /** Higher is worse; a finding whose value went up is new. */
  badness?: number;
}

const FUNCTION = /^function (\S+) has /;
const NUMBER = /(?:complexity|has|index is) (-?\d+(?:\.\d+)?)/;

/** Complexity: a function by file, code and name (escomplex names methods `Class.method`). */
export function complexityIdentity(d: Diagnostic, file: string | undefined): Identity {
  const name = FUNCTION.exec(d.message)?.[1] ?? '';
  const value = Number(NUMBER.exec(d.message)?.[1] ?? Number.NaN);
  // Maintainability is better when higher: its badness is the negated index.
  const badness = d.code === 'maintainability' ? -value : value;
  return { key: `${file ?? ''}\u0001${d.code ?? ''}\u0001${name}`, ...(Number.isNaN(badness) ? {} : { badness }) };
}

/** Tests: a test by file and full name; what its assertion says may change from run to run. */
export function testIdentity(d: Diagnostic, file: string | undefined): Identity {
  return { key: `${file ?? ''}\u0001${d.code ?? ''}` };
}

/**
 * Findings matched by identity rather than by line: existing when the base has the same one and
 * it was at least as bad there. Each base finding is used at most once.
 */
export function matchByIdentity(current: readonly Diagnostic[], base: readonly Diagnostic[], sides: Sides, identify: (d: Diagnostic, file: string | undefined) => Identity): Matching {
  const pool = base.map((d) => ({ d, id: identify(d, d.file), used: false }));
  const existing = current.map((d) => {
    const basePath = d.file === undefined ? undefined : sides.basePathOf(d.file);
    if (d.file !== undefined && basePath === undefined) return false;
    const id = identify(d, basePath);
    const same = pool.filter((c) => !c.used && c.id.key === id.key);
    const notWorse = same.find((c) => id.badness === undefined || (c.id.badness ?? Number.NEGATIVE_INFINITY) >= id.badness);
    // A finding that got worse is new, but its base finding was not fixed: it is used up either way.
    const taken = notWorse ?? same[0];
    if (taken) taken.used = true;
    return notWorse !== undefined;
  });
  return { existing, absent: pool.filter((c) => !c.used).map((c) => c.d) };
}
