import type { Diagnostic } from '../core/result.js';
import { mapBaseLine } from './line-map.js';
import { normaliseLine, normaliseMessage } from './normalise.js';
import type { Sides } from './sides.js';

/** Which current diagnostics the base had (by index), and the base diagnostics nothing matched. */
export interface Matching {
  existing: boolean[];
  absent: Diagnostic[];
}

type Tier = (current: Diagnostic, base: Diagnostic, sides: Sides) => boolean;

function lineText(lines: string[] | undefined, line: number | undefined): string {
  return line === undefined ? '' : normaliseLine(lines?.[line - 1]);
}

/** Same place: the base line, carried through the diff's hunks, is this line; same message up to numbers. */
const sameMappedLine: Tier = (d, b, sides) =>
  d.line !== undefined && b.line !== undefined && d.file !== undefined &&
  mapBaseLine(b.line, sides.diff.hunks.get(d.file)) === d.line && normaliseMessage(d.message) === normaliseMessage(b.message);

/** Same code on the line: the line was edited around it or moved within the file. */
const sameLineText: Tier = (d, b, sides) => {
  if (d.file === undefined || b.file === undefined || normaliseMessage(d.message) !== normaliseMessage(b.message)) return false;
  const text = lineText(sides.currentLines(d.file), d.line);
  return text !== '' && text === lineText(sides.baseLines(b.file), b.line);
};

/** Same words in the same file: the last resort, still one base diagnostic per current one. */
const sameMessage: Tier = (d, b) => d.message === b.message;

const TIERS: readonly Tier[] = [sameMappedLine, sameLineText, sameMessage];

function groupKey(file: string | undefined, code: string | undefined, severity: string): string {
  return `${file ?? ''}\u0001${code ?? ''}\u0001${severity}`;
}

/**
 * Line-level findings (tsc, ESLint): matched by file (through renames) and code, then in tiers, each
 * base diagnostic used at most once, so a second error of the same rule in the same file is new.
 */
export function matchByLines(current: readonly Diagnostic[], base: readonly Diagnostic[], sides: Sides): Matching {
  const pool = new Map<string, { d: Diagnostic; used: boolean }[]>();
  for (const d of base) {
    const key = groupKey(d.file, d.code, d.severity);
    pool.set(key, [...(pool.get(key) ?? []), { d, used: false }]);
  }
  const existing = current.map(() => false);
  for (const tier of TIERS) {
    current.forEach((d, i) => {
      if (existing[i]) return;
      const basePath = d.file === undefined ? undefined : sides.basePathOf(d.file);
      if (d.file !== undefined && basePath === undefined) return;
      const candidate = pool.get(groupKey(basePath, d.code, d.severity))?.find((c) => !c.used && tier(d, c.d, sides));
      if (candidate) {
        candidate.used = true;
        existing[i] = true;
      }
    });
  }
  const absent = [...pool.values()].flat().filter((c) => !c.used).map((c) => c.d);
  return { existing, absent };
}
