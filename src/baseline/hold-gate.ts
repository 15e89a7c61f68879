import type { Diagnostic, GateResult } from '../core/result.js';
import { complexityIdentity, matchByIdentity, testIdentity } from './match-keyed.js';
import { matchByLines, type Matching } from './match-lines.js';
import { sameFailureOutput } from './match-output.js';
import type { Sides } from './sides.js';

/** The same gate on the base commit, or why there is no usable result from it. */
export type BaseOutcome = { result: GateResult; roots: readonly string[] } | { unknown: string };

/** Kinds hold the line never applies to: the guard judges the change itself. */
const NEVER_HELD = new Set(['guard']);

export function isHoldable(result: GateResult): boolean {
  return result.status === 'failed' && !NEVER_HELD.has(result.kind);
}

function matchingFor(kind: string, current: readonly Diagnostic[], base: readonly Diagnostic[], sides: Sides): Matching {
  if (kind === 'complexity') return matchByIdentity(current, base, sides, complexityIdentity);
  if (kind === 'test') return matchByIdentity(current, base, sides, testIdentity);
  return matchByLines(current, base, sides);
}

/** What decides a verdict: the errors, else (warnings over a limit) every diagnostic. */
function deciding(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  return errors.length > 0 ? errors : [...diagnostics];
}

/** Every finding new: the base had nothing to report, or (`unknown`: why) it could not be used. */
function allNew(current: GateResult, base: string, unknown?: string): GateResult {
  const diagnostics = current.diagnostics.map((d) => ({ ...d, baseline: 'new' as const }));
  return { ...current, diagnostics, baseline: { base, new: diagnostics.length, existing: 0, absent: [], ...(unknown !== undefined ? { unknown } : {}) } };
}

/** A failing gate without diagnostics: pre-existing only when the base failed with the same error lines. */
function holdByOutput(current: GateResult, base: { result: GateResult; roots: readonly string[] }, baseCommit: string, currentRoots: readonly string[]): GateResult {
  const same = base.result.status === 'failed' && sameFailureOutput(current.output, base.result.output, currentRoots, base.roots);
  const info = { base: baseCommit, new: same ? 0 : 1, existing: same ? 1 : 0, absent: [] };
  if (!same) return { ...current, baseline: info };
  return { ...current, status: 'passed', summary: `${current.summary} — failed the same way on the base (pre-existing, not blocking)`, baseline: info };
}

/**
 * Hold the line for one failed gate: mark each diagnostic new or existing against the base's, and
 * let the gate pass when everything that made it fail was already there. Never on an unknown base.
 */
export function holdGate(current: GateResult, base: BaseOutcome, sides: Sides | undefined, baseCommit: string, currentRoots: readonly string[]): GateResult {
  if (!isHoldable(current)) return current;
  if ('unknown' in base) return allNew(current, baseCommit, base.unknown);
  // Skipped on the base: in a push or --since scope the base has none of the changed files (a new
  // file), so it had nothing to find there. Every finding is new — the strictest reading, so a
  // skip for any other reason can only block more, never excuse.
  if (base.result.status === 'skipped') return allNew(current, baseCommit);
  if (base.result.status !== 'passed' && base.result.status !== 'failed') return allNew(current, baseCommit, `the gate ${base.result.status} on the base: ${base.result.summary}`);
  if (current.diagnostics.length === 0) return holdByOutput(current, base, baseCommit, currentRoots);
  if (!sides) return allNew(current, baseCommit, 'the base\'s files could not be read');
  const matching = matchingFor(current.kind, current.diagnostics, base.result.diagnostics, sides);
  const marked = current.diagnostics.map((d, i) => ({ ...d, baseline: matching.existing[i] ? ('existing' as const) : ('new' as const) }));
  // New first: whatever shows only the first few (the terminal, the digest) shows what blocks.
  const diagnostics = [...marked.filter((d) => d.baseline === 'new'), ...marked.filter((d) => d.baseline === 'existing')];
  const existing = marked.filter((d) => d.baseline === 'existing').length;
  const info = { base: baseCommit, new: marked.length - existing, existing, absent: matching.absent };
  const blocking = deciding(marked).filter((d) => d.baseline === 'new').length;
  if (blocking === 0) {
    return { ...current, status: 'passed', diagnostics, summary: `no new findings; ${current.summary}, all pre-existing (not blocking)`, baseline: info };
  }
  const note = existing > 0 ? ` — ${blocking} new; ${existing} pre-existing (not blocking)` : '';
  return { ...current, diagnostics, summary: `${current.summary}${note}`, baseline: info };
}
