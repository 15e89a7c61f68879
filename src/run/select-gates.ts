import type { GateConfig } from '../config/schema.js';
import { nearest } from '../config/nearest.js';
import { UserFacingError } from '../core/errors.js';

export interface Selection {
  run: GateConfig[];
  /** Gates left out by --only/--skip, with the reason to show. */
  left: { gate: GateConfig; why: string }[];
}

function checkIds(flag: string, ids: readonly string[], gates: readonly GateConfig[]): void {
  const known = gates.map((g) => g.id);
  for (const id of ids) {
    if (known.includes(id)) continue;
    const guess = nearest(id, known);
    throw new UserFacingError(`${flag} ${id}: no gate has that id${guess ? ` (did you mean "${guess}"?)` : ''}; the gates are ${known.join(', ')}.`);
  }
}

export function selectGates(gates: readonly GateConfig[], only: readonly string[] | undefined, skip: readonly string[] | undefined, skipWhy = 'skipped by --skip'): Selection {
  if (only) checkIds('--only', only, gates);
  if (skip) checkIds('--skip', skip, gates);
  const selection: Selection = { run: [], left: [] };
  for (const gate of gates) {
    if (only && !only.includes(gate.id)) selection.left.push({ gate, why: 'not selected by --only' });
    else if (skip?.includes(gate.id)) selection.left.push({ gate, why: skipWhy });
    else selection.run.push(gate);
  }
  return selection;
}
