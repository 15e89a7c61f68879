import type { GateDefinition } from '../src/core/gate.js';
import build from './build.js';
import command from './command.js';
import complexity from './complexity.js';
import guard from './guard.js';
import lint from './lint.js';
import test from './test.js';
import typecheck from './typecheck.js';

/** Every built-in gate kind. A new gate is one file in this folder and one line here. */
export const builtinGates = [typecheck, lint, complexity, build, test, command, guard] as const;

export function findGate(kind: string): GateDefinition | undefined {
  return (builtinGates as readonly GateDefinition[]).find((g) => g.kind === kind);
}
