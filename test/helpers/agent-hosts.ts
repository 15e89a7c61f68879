import { readFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { parse } from 'jsonc-parser';
import { expect } from 'vitest';
import { BAD, GOOD } from './agent-fixture.js';
import { GIT_ENV, type Project } from './project.js';

/**
 * Stand-ins for the agent hosts: each reads the hook command from the config file that
 * `gatekeeper install --agent` wrote, runs it through the shell with the stdin JSON the host
 * documents, kills it at the timeout written there, and reads stdout and the exit code by the
 * host's own rules. No host can run here; these do exactly what the hosts' hook docs say they do.
 */
export type Kind = 'prompt' | 'stop' | 'edit';

export interface Situation {
  session: string;
  cwd: string;
  /** For a stop: the host's own re-entry flag. */
  active?: boolean;
  /** For an edit: the edited file, absolute. */
  file?: string;
  loopCount?: number;
}

/** What the host does next: the stop goes through, the agent goes on with `message`, or the turn ends with `message` for the human. */
export interface HostReading {
  verdict: 'allow' | 'block' | 'end';
  message?: string;
  /** Feedback the model gets after an edit. */
  context?: string;
  raw: Record<string, unknown>;
}

export interface HostPlayer {
  name: string;
  configFile: string;
  /** The hook event names this host fires for each kind Gatekeeper handles. */
  events: Record<Kind, string>;
  /** The command and the timeout (ms) of Gatekeeper's entry for an event, from the parsed config. */
  entry(config: Record<string, unknown>, event: string): { command: string; timeoutMs: number };
  stdin(kind: Kind, s: Situation): Record<string, unknown>;
  read(kind: Kind, stdout: string, exitCode: number, stderr: string): HostReading;
  env?(project: Project): Record<string, string>;
}

function list(config: Record<string, unknown>, event: string): Record<string, unknown>[] {
  const hooks = config['hooks'] as Record<string, unknown> | undefined;
  const found = hooks?.[event];
  if (!Array.isArray(found)) throw new Error(`no hooks.${event} in the config`);
  return found as Record<string, unknown>[];
}

/** Claude's and Codex's `{ matcher?, hooks: [{ type, command, timeout }] }`, timeout in seconds. */
function groupEntry(config: Record<string, unknown>, event: string): { command: string; timeoutMs: number } {
  for (const group of list(config, event)) {
    for (const h of (group['hooks'] ?? []) as Record<string, unknown>[]) {
      if (typeof h['command'] === 'string' && h['command'].includes('agent-hook')) return { command: h['command'], timeoutMs: Number(h['timeout'] ?? 60) * 1000 };
    }
  }
  throw new Error(`no Gatekeeper command under hooks.${event}`);
}

function jsonOut(stdout: string): Record<string, unknown> {
  return stdout.trim() === '' ? {} : (JSON.parse(stdout) as Record<string, unknown>);
}

/**
 * Claude Code (and Codex, Gemini): exit 0 and JSON; a `decision` the host reads as blocking continues
 * with `reason`, `continue: false` ends with `stopReason`, `hookSpecificOutput.additionalContext` is feedback.
 */
function claudeShapeReader(blocking: readonly string[]): HostPlayer['read'] {
  return (kind, stdout, exitCode, stderr) => {
    // Exit 2 would feed stderr back; any other non-zero exit is a non-blocking error: the stop goes through.
    if (exitCode === 2) return { verdict: kind === 'stop' ? 'block' : 'allow', message: stderr, raw: {} };
    if (exitCode !== 0) return { verdict: 'allow', raw: {} };
    const raw = jsonOut(stdout);
    if (raw['continue'] === false) return { verdict: 'end', message: String(raw['stopReason'] ?? ''), raw };
    if (blocking.includes(String(raw['decision']))) return { verdict: 'block', message: String(raw['reason'] ?? ''), raw };
    const specific = raw['hookSpecificOutput'] as Record<string, unknown> | undefined;
    return { verdict: 'allow', ...(typeof specific?.['additionalContext'] === 'string' ? { context: specific['additionalContext'] } : {}), raw };
  };
}

const readClaudeShape = claudeShapeReader(['block']);

/** Codex names its hook events as Claude Code does. */
const CLAUDE_EVENTS: Record<Kind, string> = { prompt: 'UserPromptSubmit', stop: 'Stop', edit: 'PostToolUse' };

export const claudePlayer: HostPlayer = {
  name: 'claude',
  configFile: '.claude/settings.json',
  events: CLAUDE_EVENTS,
  entry: groupEntry,
  stdin(kind, s) {
    const base = { session_id: s.session, transcript_path: path.join(s.cwd, '.transcript.jsonl'), cwd: s.cwd, permission_mode: 'default' };
    if (kind === 'prompt') return { ...base, hook_event_name: 'UserPromptSubmit', prompt: 'make the types pass' };
    if (kind === 'stop') return { ...base, hook_event_name: 'Stop', stop_hook_active: s.active ?? false };
    return { ...base, hook_event_name: 'PostToolUse', tool_name: 'Write', tool_input: { file_path: s.file, content: '' }, tool_response: { success: true } };
  },
  read: readClaudeShape,
  env: (project) => ({ CLAUDE_PROJECT_DIR: project.dir }),
};

/** Codex: Claude Code's shape; `tool_input` of an `apply_patch` call carries the patch. */
export const codexPlayer: HostPlayer = {
  name: 'codex',
  configFile: '.codex/hooks.json',
  events: CLAUDE_EVENTS,
  entry: groupEntry,
  stdin(kind, s) {
    const base = { session_id: s.session, turn_id: 'turn-1', transcript_path: null, cwd: s.cwd, model: 'gpt-5-codex' };
    if (kind === 'prompt') return { ...base, hook_event_name: 'UserPromptSubmit', prompt: 'make the types pass' };
    if (kind === 'stop') return { ...base, hook_event_name: 'Stop', stop_hook_active: s.active ?? false, last_assistant_message: 'Done.' };
    const rel = path.relative(s.cwd, s.file ?? '');
    return { ...base, hook_event_name: 'PostToolUse', tool_name: 'apply_patch', tool_use_id: 'call-1', tool_input: { command: `*** Begin Patch\n*** Update File: ${rel}\n@@\n-x\n+y\n*** End Patch\n` }, tool_response: 'Success' };
  },
  read: readClaudeShape,
};

function flatEntry(config: Record<string, unknown>, event: string, field: string, timeoutField: string): { command: string; timeoutMs: number } {
  for (const item of list(config, event)) {
    const command = item[field];
    if (typeof command === 'string' && command.includes('agent-hook')) return { command, timeoutMs: Number(item[timeoutField] ?? 30) * 1000 };
  }
  throw new Error(`no Gatekeeper command under hooks.${event}`);
}

/** Copilot CLI: camelCase events get camelCase stdin; `agentStop` blocks with `decision`, anything else lets the stop through. */
export const copilotPlayer: HostPlayer = {
  name: 'copilot',
  configFile: '.github/hooks/gatekeeper.json',
  events: { prompt: 'userPromptSubmitted', stop: 'agentStop', edit: 'postToolUse' },
  entry: (config, event) => flatEntry(config, event, 'bash', 'timeoutSec'),
  stdin(kind, s) {
    const base = { timestamp: Date.now(), cwd: s.cwd, sessionId: s.session };
    if (kind === 'prompt') return { ...base, prompt: 'make the types pass' };
    if (kind === 'stop') return { ...base, transcriptPath: path.join(s.cwd, '.transcript.jsonl'), stopReason: 'end_turn' };
    return { ...base, toolName: 'edit', toolArgs: JSON.stringify({ path: s.file }), toolResult: { resultType: 'success', textResultForLlm: 'ok' } };
  },
  read(kind, stdout, exitCode) {
    const raw = exitCode === 0 ? jsonOut(stdout) : {};
    if (kind === 'stop' && raw['decision'] === 'block') return { verdict: 'block', message: String(raw['reason'] ?? ''), raw };
    return { verdict: 'allow', ...(typeof raw['additionalContext'] === 'string' ? { context: raw['additionalContext'] } : {}), raw };
  },
};

/** Gemini CLI: `decision: deny` on AfterAgent retries with `reason`; `continue: false` ends with `stopReason`; timeouts in ms. */
export const geminiPlayer: HostPlayer = {
  name: 'gemini',
  configFile: '.gemini/settings.json',
  events: { prompt: 'BeforeAgent', stop: 'AfterAgent', edit: 'AfterTool' },
  entry(config, event) {
    const found = groupEntry(config, event);
    return { command: found.command, timeoutMs: found.timeoutMs / 1000 };
  },
  stdin(kind, s) {
    const base = { session_id: s.session, transcript_path: path.join(s.cwd, '.transcript.json'), cwd: s.cwd, timestamp: new Date().toISOString() };
    if (kind === 'prompt') return { ...base, hook_event_name: 'BeforeAgent', prompt: 'make the types pass' };
    if (kind === 'stop') return { ...base, hook_event_name: 'AfterAgent', prompt: 'make the types pass', prompt_response: 'Done.', stop_hook_active: s.active ?? false };
    return { ...base, hook_event_name: 'AfterTool', tool_name: 'write_file', tool_input: { file_path: s.file, content: '' }, tool_response: { llmContent: 'ok', returnDisplay: 'ok' } };
  },
  read: claudeShapeReader(['deny', 'block']),
};

/** Cursor: `stop` continues with `followup_message`; every event carries `conversation_id` and `workspace_roots`. */
export const cursorPlayer: HostPlayer = {
  name: 'cursor',
  configFile: '.cursor/hooks.json',
  events: { prompt: 'beforeSubmitPrompt', stop: 'stop', edit: 'afterFileEdit' },
  entry: (config, event) => flatEntry(config, event, 'command', 'timeout'),
  stdin(kind, s) {
    const base = { conversation_id: s.session, generation_id: 'gen-1', model: 'auto', cursor_version: '2.1.0', workspace_roots: [s.cwd], user_email: null };
    if (kind === 'prompt') return { ...base, hook_event_name: 'beforeSubmitPrompt', prompt: 'make the types pass', attachments: [] };
    if (kind === 'stop') return { ...base, hook_event_name: 'stop', status: 'completed', loop_count: s.loopCount ?? (s.active ? 1 : 0) };
    return { ...base, hook_event_name: 'afterFileEdit', file_path: s.file, edits: [{ old_string: 'a', new_string: 'b' }] };
  },
  read(kind, stdout, exitCode) {
    const raw = exitCode === 0 ? jsonOut(stdout) : {};
    if (kind === 'stop' && typeof raw['followup_message'] === 'string') return { verdict: 'block', message: raw['followup_message'], raw };
    return { verdict: 'allow', raw };
  },
};

export interface Played extends HostReading {
  exitCode: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Fires one hook event at the project as the host would. */
export async function play(player: HostPlayer, project: Project, kind: Kind, situation: Partial<Situation> = {}): Promise<Played> {
  const config = parse(readFileSync(path.join(project.dir, player.configFile), 'utf8')) as Record<string, unknown>;
  const { command, timeoutMs } = player.entry(config, player.events[kind]);
  const input = JSON.stringify(player.stdin(kind, { session: 'session-1', cwd: project.dir, ...situation }));
  const result = await execa('sh', ['-c', command], {
    cwd: project.dir,
    input,
    reject: false,
    timeout: timeoutMs,
    env: { ...GIT_ENV, NO_COLOR: '1', ...player.env?.(project) },
  });
  const stdout = String(result.stdout);
  const stderr = String(result.stderr);
  const exitCode = result.exitCode ?? -1;
  // A host that stops waiting lets the stop through: exactly what Gatekeeper must never cause.
  const reading = result.timedOut ? { verdict: 'allow' as const, raw: {} } : player.read(kind, stdout, exitCode, stderr);
  return { ...reading, exitCode, stdout, stderr, timedOut: result.timedOut === true };
}

/**
 * The first thing every host's hooks must do: after a prompt, a stop with a real tsc error is blocked
 * (file:line and the TS code in the message), and the stop after the fix goes through. Returns the blocked stop.
 */
/** A prompt, then a type error: the stop is blocked, naming it. */
export async function blockedStop(player: HostPlayer, project: Project): Promise<Played> {
  expect((await play(player, project, 'prompt')).verdict).toBe('allow');
  project.write('src/values.ts', BAD);
  const first = await play(player, project, 'stop');
  expect(first.exitCode).toBe(0);
  expect(first.verdict).toBe('block');
  expect(first.message).toContain('src/values.ts:1:14 TS2322');
  return first;
}

export async function blockThenFix(player: HostPlayer, project: Project): Promise<Played> {
  const first = await blockedStop(player, project);
  project.write('src/values.ts', GOOD);
  expect((await play(player, project, 'stop', { active: true })).verdict).toBe('allow');
  return first;
}
