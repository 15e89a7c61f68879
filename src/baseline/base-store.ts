import type { GateConfig } from '../config/schema.js';
import type { GateResult } from '../core/result.js';
import type { Scope } from '../core/scope.js';
import { settingsKey } from '../cache/cache-key.js';
import { readEntry, resultsDir, writeEntry } from '../cache/result-store.js';
import { hashText } from '../cache/tree-snapshot.js';

/**
 * A base commit's result for a gate is a function of the base's tree and the gate's settings (its
 * config entry, tool versions, Node, scope): that is its key in the result cache, so a second push
 * from the same base runs nothing on the base side. Errored results are never stored.
 */
export function baseKey(gate: GateConfig, baseTree: string, scope: Scope, root: string): string {
  return hashText(JSON.stringify({ holdTheLine: 1, baseTree, settings: settingsKey(gate, scope, root) }));
}

export function readBase(cacheDir: string, key: string): Promise<GateResult | undefined> {
  return readEntry(resultsDir(cacheDir), key);
}

export async function rememberBase(cacheDir: string, key: string, result: GateResult): Promise<void> {
  if (result.status !== 'passed' && result.status !== 'failed') return;
  await writeEntry(resultsDir(cacheDir), key, result).catch(() => undefined);
}
