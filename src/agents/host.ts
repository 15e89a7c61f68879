/**
 * One agent host (Claude Code, Codex CLI, Copilot, Gemini CLI, Cursor) as Gatekeeper sees it: how
 * its hook events arrive on stdin, how it reads an answer, and what `install --agent` writes into
 * its config file. Everything else (gates, budget, spirals, the ledger) is shared and host-blind.
 */
export type HookKind = 'prompt' | 'stop' | 'edit';
export const HOOK_KINDS: readonly HookKind[] = ['prompt', 'stop', 'edit'];

/** A host's event, normalised: the few facts Gatekeeper acts on. */
export interface HookEvent {
  kind: HookKind;
  /** The host's own session (or conversation) id: the key of the session record. */
  session: string;
  /** Where the host says the agent works; the project is found from there. */
  cwd?: string;
  /** The host's own re-entry flag (`stop_hook_active`, Cursor's `loop_count > 0`): logged, never trusted. */
  reentered?: boolean;
  /** Files an edit touched (absolute or relative to cwd). */
  files?: string[];
  /** For an edit: the tool is not one that writes files, so there is nothing to check. */
  ignored?: boolean;
}

/**
 * What Gatekeeper decided; each host renders it in its own protocol.
 * - allow: the stop goes through (all gates passed), or a prompt/edit with nothing to say;
 * - block: the turn goes on, the reason is the agent's next instruction;
 * - unverified: the turn ends, and the human is told the work is NOT verified and why;
 * - context: after an edit, non-blocking feedback for the model.
 */
export type Decision =
  | { kind: 'allow' }
  | { kind: 'block'; reason: string }
  | { kind: 'unverified'; reason: string }
  | { kind: 'context'; text: string };

/** What the host reads: stdout (JSON or empty), a line for its log on stderr, and the exit code. */
export interface HostAnswer {
  stdout: string;
  stderr?: string;
}

/** One element Gatekeeper appends to `hooks.<event>` in the host's config file. */
export interface ConfigEntry {
  event: string;
  item: Record<string, unknown>;
}

export interface AgentHost {
  name: HostName;
  /** Its project config file, relative to the repository root. */
  configFile: string;
  /** Top-level keys a new config file starts with (Copilot's and Cursor's `version: 1`). */
  newFile: Record<string, unknown>;
  /** The host ends the turn by itself after this many consecutive blocks; Gatekeeper stops one short. */
  maxStops?: number;
  /** Seconds written into the host config per hook kind; the hook's own deadline is a little less. */
  timeouts: Record<HookKind, number>;
  /** stdin JSON (already parsed) → event; throws BadHookInput naming the missing or wrong field. */
  parse(kind: HookKind, input: Record<string, unknown>): HookEvent;
  answer(kind: HookKind, decision: Decision): HostAnswer;
  /** The config entries `install --agent` appends; `command(kind)` is the shell command to run. */
  entries(command: (kind: HookKind) => string): ConfigEntry[];
}

/** Seconds install writes for each hook kind, the same for every host: a stop runs every gate, an edit the file-level ones, a prompt takes a checkpoint. */
export const HOOK_TIMEOUTS: Readonly<Record<HookKind, number>> = { stop: 600, edit: 60, prompt: 30 };

/** What every host's event starts with: the kind, the session and, when the host sends it, where the agent works. */
export function baseEvent(kind: HookKind, session: string, cwd: string | undefined): HookEvent {
  return { kind, session, ...(cwd !== undefined ? { cwd } : {}) };
}

export const HOST_NAMES = ['claude', 'codex', 'copilot', 'gemini', 'cursor'] as const;
export type HostName = (typeof HOST_NAMES)[number];

/** The longest reason a block carries: Claude cuts at 10,000 characters, Codex spills to a file past ~2,500 tokens. */
export const MAX_REASON = 8000;

/** Every answer that ends a turn unverified starts the same way, so that a human cannot miss it. */
export function notVerifiedLine(reason: string): string {
  return `Gatekeeper: the work is NOT verified: ${reason}`;
}
