import type { z } from 'zod';
import type { Diagnostic, Status, ToolInfo } from './result.js';
import type { Scope } from './scope.js';

export interface GateContext {
  /** Absolute path of the project (the folder that holds the config). */
  root: string;
  /** Absolute path of the git work tree, or `root` outside git; diagnostics are relative to it. */
  repoRoot: string;
  scope: Scope;
  signal: AbortSignal;
  /** Milliseconds; the runner kills the gate's process groups when it elapses. */
  timeoutMs: number;
  /** A folder the gate may keep incremental state in (build-info files, tool caches). */
  cacheDir: string;
  /**
   * The result cache's settings key for this gate (its config entry, tool versions, Node, env), or
   * undefined when the cache is off (`--no-cache`). State a gate keeps between runs in cacheDir is
   * valid only under the same settings, so it is keyed by this; without it, trust no earlier run.
   */
  cacheSettings?: string;
}

/** What a gate's run returns; the pipeline adds id, kind, timing and the cache flag. */
export interface GateOutcome {
  status: Status;
  diagnostics: Diagnostic[];
  summary: string;
  output: string;
  tool?: ToolInfo;
  /**
   * Every file the tool read, when it names them all (tsc's --listFiles); absolute paths. The result
   * cache then keys a git-ignored module (a built dist/) by content only if the tool read it.
   */
  readFiles?: readonly string[];
}

export interface GateDefinition<Schema extends z.ZodObject = z.ZodObject> {
  kind: string;
  /** One line for `--help`, the README and the JSON Schema. */
  description: string;
  /** The gate's own options, beside the common ones (id, kind, timeout). */
  options: Schema;
  run(options: z.infer<Schema>, ctx: GateContext): Promise<GateOutcome>;
  /**
   * Work the gate can do before its turn, while an earlier gate's tool runs in a process of its own
   * and Gatekeeper's own thread waits: filling the gate's caches in ctx.cacheDir, nothing else. It
   * decides nothing (run does, and finds the work done), stops when ctx.signal aborts, and a
   * failure in it is ignored.
   */
  prepare?(options: z.infer<Schema>, ctx: GateContext): Promise<void>;
  /** The program that gives this gate's verdict in the project at `root`, for reports (SARIF's driver). */
  tool?(root: string): ToolInfo | undefined;
}

export function defineGate<Schema extends z.ZodObject>(definition: GateDefinition<Schema>): GateDefinition<Schema> {
  return definition;
}

export function erroredOutcome(summary: string, output = '', diagnostics: Diagnostic[] = []): GateOutcome {
  return { status: 'errored', summary, output, diagnostics };
}
