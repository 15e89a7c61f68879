import type { GateConfig } from '../config/schema.js';
import type { Scope } from '../core/scope.js';
import { toolIdentity } from './tool-identity.js';
import { allIds, hashText, idsOf, type TreeSnapshot } from './tree-snapshot.js';

/** Environment variables that commonly change a tool's verdict; a gate adds its own with `cacheEnv`. */
export const DEFAULT_CACHE_ENV = ['NODE_ENV', 'CI', 'TZ'];

/**
 * Kinds whose verdict cannot depend on `CI`: tsc, ESLint and escomplex ignore it, and the test gate
 * sets CI=true for Vitest itself. Leaving it out of their keys lets a laptop or an agent replay a
 * verdict CI computed (the remote cache's usual shape); commands and builds keep it.
 */
const CI_BLIND_KINDS = new Set(['typecheck', 'lint', 'complexity', 'test']);

/** Tool configuration a lint verdict depends on beyond the linted files themselves. */
const LINT_CONFIG = /(^|\/)(eslint\.config\.[cm]?[jt]s|package\.json|tsconfig[^/]*\.json|\.eslintignore|biome\.jsonc?|\.oxlintrc\.jsonc?|oxlint\.config\.ts)$/;

/** Gates that look at the files in scope rather than at the whole project. */
function isFileLevel(gate: GateConfig): boolean {
  return gate.kind === 'lint' || gate.kind === 'complexity';
}

/** Stable JSON: object keys sorted, so that reordering a config does not change the key. */
function normalisedJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/** Every gate of a run keys on the same tree: at 100,000 files, sorting and joining it once per gate showed. */
const treeTexts = new WeakMap<TreeSnapshot, string>();

function treeText(snapshot: TreeSnapshot): string {
  let text = treeTexts.get(snapshot);
  if (text === undefined) {
    text = allIds(snapshot).join('\n');
    treeTexts.set(snapshot, text);
  }
  return text;
}

/** The whole tree's key, with or without the ignored files, computed once per snapshot: the same for every whole-project gate. */
const wholeKeys = new WeakMap<TreeSnapshot, Map<boolean, string>>();

function ignoredLines(snapshot: TreeSnapshot): string[] {
  return (snapshot.ignored ?? []).map((id) => `ignored:${id}`);
}

function wholeTreeKey(snapshot: TreeSnapshot, withIgnored: boolean): string {
  const known = wholeKeys.get(snapshot) ?? new Map<boolean, string>();
  wholeKeys.set(snapshot, known);
  const stored = known.get(withIgnored);
  if (stored !== undefined) return stored;
  const ignored = withIgnored ? ignoredLines(snapshot) : [];
  // The same text as [...allIds, ...ignored].join('\n'), without copying the tree's ids for each gate.
  const tree = treeText(snapshot);
  const key = hashText(ignored.length === 0 ? tree : tree === '' ? ignored.join('\n') : `${tree}\n${ignored.join('\n')}`);
  known.set(withIgnored, key);
  return key;
}

/** The tracked and untracked-not-ignored files alone: what a build must leave as it found them. */
export function trackedTreeKey(snapshot: TreeSnapshot): string {
  return wholeTreeKey(snapshot, false);
}

/** The identity of the files that can change the gate's verdict. */
export async function inputsKey(gate: GateConfig, scope: Scope, root: string, snapshot: TreeSnapshot): Promise<string> {
  // Complexity reads the files in scope and nothing else; every other tool may read a built dist/.
  const withIgnored = gate.kind !== 'complexity';
  if (!isFileLevel(gate) || scope.mode === 'all') return wholeTreeKey(snapshot, withIgnored);
  const config = gate.kind === 'lint' ? [...snapshot.files.keys()].filter((p) => LINT_CONFIG.test(p)) : [];
  const ids = await idsOf(root, snapshot, [...new Set([...scope.files, ...config])]);
  return hashText([...ids, ...(withIgnored ? ignoredLines(snapshot) : [])].join('\n'));
}

/** Where a result was computed: a snapshot worktree lacks the work tree's ignored files and path. */
export type Place = 'work-tree' | 'snapshot';

/** Everything else that can change the verdict: the gate's config, where it runs, tool versions, Node, env, scope. */
export function settingsKey(gate: GateConfig, scope: Scope, root: string, env: NodeJS.ProcessEnv = process.env, place: Place = 'work-tree'): string {
  const declared = Array.isArray(gate['cacheEnv']) ? (gate['cacheEnv'] as unknown[]).map(String) : [];
  const defaults = CI_BLIND_KINDS.has(gate.kind) ? DEFAULT_CACHE_ENV.filter((n) => n !== 'CI') : DEFAULT_CACHE_ENV;
  const names = [...new Set([...defaults, ...declared])].sort();
  const scopeMatters = isFileLevel(gate) || (gate.kind === 'test' && gate['related'] === true);
  return hashText(
    normalisedJson({
      gate,
      place,
      tools: toolIdentity(gate.kind, root),
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      env: names.map((n) => [n, env[n] ?? null]),
      scope: scopeMatters ? { mode: scope.mode, files: scope.mode === 'changed' ? [...scope.files].sort() : [] } : null,
    }),
  );
}
