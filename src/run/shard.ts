import { createHash } from 'node:crypto';
import type { GateConfig } from '../config/schema.js';
import { UserFacingError } from '../core/errors.js';
import type { Scope } from '../core/scope.js';

/** One machine's part of a CI run: shard `index` (1-based) of `total`. */
export interface Shard {
  index: number;
  total: number;
}

/** What a shard report says about itself, so that the merge can check the set is whole. */
export interface ShardInfo extends Shard {
  /** The gates whose work was divided between shards; the others ran whole on shard 1. */
  split: string[];
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (!match || total < 1 || index < 1 || index > total) {
    throw new UserFacingError(`--shard ${text}: expected INDEX/TOTAL with 1 ≤ INDEX ≤ TOTAL, e.g. --shard 2/4.`);
  }
  return { index, total };
}

/** File-level gates divide the files; the test gate hands the division to the test runner. */
const FILE_LEVEL = new Set(['lint', 'complexity']);

/**
 * The shard a file belongs to, by a hash of its path: stable across machines and runs, and
 * independent of which other files exist, so adding a file never moves the others.
 */
export function shardOfPath(file: string, total: number): number {
  return (createHash('sha256').update(file).digest().readUInt32BE(0) % total) + 1;
}

export interface ShardPlan {
  run: GateConfig[];
  left: { gate: GateConfig; why: string }[];
  scope: Scope;
  info: ShardInfo;
}

/**
 * Divides a run: lint and complexity look at this shard's files, the test gate runs the test
 * runner's own `--shard`, and whole-project gates (typecheck, build, commands, the guard) run on
 * shard 1 only, since running them on every machine would give the same answer n times.
 */
export function planShard(gates: readonly GateConfig[], scope: Scope, shard: Shard): ShardPlan {
  const plan: ShardPlan = {
    run: [],
    left: [],
    scope: {
      ...scope,
      mode: 'changed',
      files: scope.files.filter((f) => shardOfPath(f, shard.total) === shard.index),
      description: `shard ${shard.index}/${shard.total} of ${scope.description}`,
    },
    info: { ...shard, split: [] },
  };
  for (const gate of gates) {
    if (gate.kind === 'test') {
      const args = Array.isArray(gate['args']) ? (gate['args'] as unknown[]).map(String) : [];
      // `related` would pick tests by this shard's files; the runner's own shard is the division here.
      plan.run.push({ ...gate, related: false, args: [...args, `--shard=${shard.index}/${shard.total}`] });
      plan.info.split.push(gate.id);
    } else if (FILE_LEVEL.has(gate.kind) && !(gate.kind === 'lint' && gate['patterns'] !== undefined)) {
      // (A lint gate with its own `patterns` lints what they name, not files: it stays whole.)
      plan.run.push(gate);
      plan.info.split.push(gate.id);
    } else if (shard.index === 1) plan.run.push(gate);
    else plan.left.push({ gate, why: `runs on shard 1/${shard.total}` });
  }
  return plan;
}
