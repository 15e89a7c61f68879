import type { GateConfig } from '../config/schema.js';
import { findGate } from '../../gates/index.js';

/**
 * The gates of the loop: the config's, plus a `guard` gate when the loop's guard is on, the
 * config has none, and this build of Gatekeeper has the guard kind at all.
 */
export function loopGates(gates: readonly GateConfig[], guard: boolean): GateConfig[] {
  if (!guard || gates.some((g) => g.kind === 'guard') || findGate('guard') === undefined) return [...gates];
  const id = gates.some((g) => g.id === 'guard') ? 'loop-guard' : 'guard';
  return [...gates, { id, kind: 'guard' }];
}
