import path from 'node:path';
import type { GateConfig } from '../config/schema.js';
import type { GateResult } from '../core/result.js';
import type { Scope } from '../core/scope.js';
import { warnOnce } from '../core/warn-once.js';
import { inputsKey, settingsKey, trackedTreeKey, type Place } from './cache-key.js';
import { openIgnoredIdMemo, type IgnoredIdMemo } from './ignored-id-memo.js';
import { ignoredInputIds } from './ignored-inputs.js';
import { dropEntry, evict, readEntry, readManifest, resultsDir, writeEntry, writeManifest } from './result-store.js';
import { ignoredModulesRead, innerKey, outerKey } from './read-manifest.js';
import { hashText, takeSnapshot, type TreeSnapshot } from './tree-snapshot.js';
import type { WorkTreeListing } from '../git/work-tree-listing.js';
import type { IgnoredFiles } from '../git/ignored-files.js';

export interface CacheSetup {
  root: string;
  repoRoot: string;
  cacheDir: string;
  scope: Scope;
  /** Left out of every input key: the config file (each gate's own entry is in its settings). */
  configFile?: string;
  /** Where the gates run; a result is replayed only where it was computed (default: the work tree). */
  place?: Place;
  /** Files this run itself writes (report files): never an input, or every run would miss. */
  ownOutputs?: readonly string[];
  /**
   * false (`--no-cache`): run every gate, but store what it found, so that a fresh verdict
   * replaces a stored one it contradicts instead of leaving it to be replayed later.
   */
  replay?: boolean;
  /** The work tree as the run's scope listed it just before: the first snapshot needs no git call of its own. */
  listing?: WorkTreeListing;
  /** The ignored files, as the run's start asked git for them (git/run-start.ts), for the first snapshot too. */
  ignoredListing?: Promise<IgnoredFiles | undefined>;
}

/** What a lookup learnt: the stored result on a hit, and what `remember` needs on a miss. */
export interface Probe {
  hit?: GateResult;
  settings: string;
  inputs: string;
  /** The entry's name, here and in the remote cache. */
  key: string;
  /** The tracked and untracked files alone (no ignored ones), to tell a build's outputs from an edit. */
  tree: string;
  /** The first of the two keys of a gate whose tool names what it read (read-manifest.ts), once asked for. */
  outer?: string;
  /** The second, when an earlier run left a manifest under `outer`. */
  inner?: string;
}

/**
 * The kinds whose verdict is a function of the key's parts. Others are never cached: the guard
 * reads git history (its base commit, commit trailers) and the config file, which no tree key
 * holds; a kind added later stays uncached until someone decides what its key must contain.
 */
const CACHEABLE_KINDS = new Set(['typecheck', 'lint', 'complexity', 'build', 'test', 'command']);

function keyOf(settings: string, inputs: string): string {
  return hashText(`${settings}\n${inputs}`);
}

/** Only a verdict the tool reached on these very inputs is worth replaying. */
function storable(result: GateResult): boolean {
  return result.status === 'passed' || result.status === 'failed';
}

/**
 * The result cache of one run. It keys each gate by its settings and by the identity of its input
 * files, replays a stored result on a hit, and stores a fresh one only when the inputs did not
 * change while the gate ran (otherwise the result may describe files that no longer match the key).
 */
export class ResultCache {
  private snapshot: Promise<TreeSnapshot | undefined> | undefined;
  private readonly dir: string;
  /** The setup's listing, until a snapshot used it or a gate ran (then it may be out of date). */
  private fresh: WorkTreeListing | undefined;
  private freshIgnored: Promise<IgnoredFiles | undefined> | undefined;
  /** Opened once per run: every snapshot after a gate reuses what it knows. */
  private memo: Promise<IgnoredIdMemo> | undefined;

  constructor(private readonly setup: CacheSetup) {
    this.dir = resultsDir(setup.cacheDir);
    this.fresh = setup.listing;
    this.freshIgnored = setup.ignoredListing;
  }

  /** The tree as it was before any gate still to start; refreshed whenever a gate has run. */
  private current(): Promise<TreeSnapshot | undefined> {
    this.snapshot ??= this.take();
    return this.snapshot;
  }

  private relative(file: string): string {
    return path.relative(this.setup.root, file).split(path.sep).join('/');
  }

  private async take(): Promise<TreeSnapshot | undefined> {
    const [listing, ignoredListing] = [this.fresh, this.freshIgnored];
    this.fresh = undefined;
    this.freshIgnored = undefined;
    const [snapshot, ignored] = await Promise.all([takeSnapshot(this.setup.root, this.setup.repoRoot, listing), ignoredInputIds(this.setup.root, ignoredListing, await this.ignoredIdMemo())]);
    // Without the ignored files' identity a key could replay a pass computed against an old dist/.
    if (!snapshot || !ignored) return undefined;
    if (this.setup.configFile !== undefined) snapshot.files.delete(this.relative(this.setup.configFile));
    const own = new Set((this.setup.ownOutputs ?? []).map((f) => this.relative(f)));
    for (const file of own) snapshot.files.delete(file);
    snapshot.ignored = ignored.filter((id) => !own.has(id.slice(0, id.indexOf('\0'))));
    return snapshot;
  }

  private ignoredIdMemo(): Promise<IgnoredIdMemo> {
    this.memo ??= openIgnoredIdMemo(path.join(this.setup.cacheDir, 'ignored-ids'));
    return this.memo;
  }

  async lookup(gate: GateConfig): Promise<Probe | undefined> {
    if (gate['cache'] === false || !CACHEABLE_KINDS.has(gate.kind)) return undefined;
    const snapshot = await this.current();
    if (!snapshot) return undefined;
    const settings = settingsKey(gate, this.setup.scope, this.setup.root, process.env, this.setup.place ?? 'work-tree');
    const inputs = await inputsKey(gate, this.setup.scope, this.setup.root, snapshot);
    const tree = trackedTreeKey(snapshot);
    const probe: Probe = { settings, inputs, key: keyOf(settings, inputs), tree };
    if (this.setup.replay === false) {
      // Not replayed, but named: a verdict this run cannot confirm is dropped under both keys.
      await this.throughManifest(gate, probe, snapshot);
      return probe;
    }
    const hit = (await this.entryFor(gate, probe.key)) ?? (await this.throughManifest(gate, probe, snapshot));
    if (hit) probe.hit = hit;
    return probe;
  }

  private async entryFor(gate: GateConfig, key: string): Promise<GateResult | undefined> {
    const hit = await readEntry(this.dir, key);
    return hit && hit.id === gate.id && hit.kind === gate.kind ? hit : undefined;
  }

  /** The verdict of a run that read none of the ignored modules that changed since (a rebuilt dist/). */
  private async throughManifest(gate: GateConfig, probe: Probe, snapshot: TreeSnapshot): Promise<GateResult | undefined> {
    // Only on a miss: at 5,000 modules hashing the tree once more per gate showed in a run of hits.
    probe.outer = outerKey(probe.settings, probe.tree, snapshot.ignored ?? []);
    const reads = await readManifest(this.dir, probe.outer);
    if (!reads) return undefined;
    probe.inner = innerKey(probe.outer, snapshot.ignored ?? [], reads);
    return this.entryFor(gate, probe.inner);
  }

  /** A gate ran outside the cache (cache: false, the guard): it may have changed the tree. */
  invalidate(): void {
    this.snapshot = undefined;
    this.fresh = undefined;
    this.freshIgnored = undefined;
  }

  /**
   * Stores a fresh result. Returns the key it was stored under when the result is truthfully keyed
   * (a verdict the tool reached on inputs that held still while it ran), so that it may be shared
   * further; undefined otherwise.
   */
  async remember(gate: GateConfig, probe: Probe, result: GateResult, aborted: boolean, readFiles?: readonly string[]): Promise<string | undefined> {
    // The gate ran: the tree may differ now (builds write, commands edit), so look again.
    this.snapshot = this.take();
    if (aborted) return undefined;
    const after = await this.snapshot;
    const key = after && storable(result) ? await this.settledKey(gate, probe, after) : undefined;
    if (key === undefined) {
      // `--no-cache` ran the gate because a stored verdict was doubted: one it cannot confirm goes.
      if (this.setup.replay === false) await Promise.all([probe.key, probe.inner].map((k) => k !== undefined && dropEntry(this.dir, k)));
      return undefined;
    }
    await this.store(key, result);
    if (readFiles && after && key === probe.key) await this.storeThroughManifest(probe, after, result, readFiles);
    return key;
  }

  private async storeThroughManifest(probe: Probe, after: TreeSnapshot, result: GateResult, readFiles: readonly string[]): Promise<void> {
    const ignored = after.ignored ?? [];
    const reads = ignoredModulesRead(this.setup.root, ignored, readFiles);
    if (!reads) return;
    const outer = probe.outer ?? outerKey(probe.settings, probe.tree, ignored);
    try {
      await writeManifest(this.dir, outer, reads);
    } catch {
      return; // store() has warned already if the folder cannot be written
    }
    await this.store(innerKey(outer, ignored, reads), result);
  }

  /**
   * The key a fresh verdict is true under, if any. Inputs that held still: the probe's own key. A
   * build that rewrote ignored files (its dist/) and nothing else: the key of the tree as it left
   * it, which is the tree the next run finds. A build's verdict is a function of its sources, not
   * of what its last run wrote; keyed before it, it could never be replayed, and every run after
   * a change built twice.
   */
  private async settledKey(gate: GateConfig, probe: Probe, after: TreeSnapshot): Promise<string | undefined> {
    const inputs = await inputsKey(gate, this.setup.scope, this.setup.root, after);
    if (inputs === probe.inputs) return probe.key;
    if (gate.kind === 'build' && trackedTreeKey(after) === probe.tree) return keyOf(probe.settings, inputs);
    return undefined;
  }

  /** Keeps a verdict found in the remote cache, so that the next run here needs no request. */
  async adopt(probe: Probe, result: GateResult): Promise<void> {
    if (storable(result)) await this.store(probe.key, result);
  }

  private async store(key: string, result: GateResult): Promise<void> {
    try {
      await writeEntry(this.dir, key, result);
      await evict(this.dir);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      warnOnce('result-cache-write', `gatekeeper: warning: could not write the result cache in ${this.dir} (${message.split('\n')[0] ?? ''}); gates still run, their results are not cached.`);
    }
  }
}
