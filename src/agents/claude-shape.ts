import { baseEvent, MAX_REASON, notVerifiedLine, type ConfigEntry, type Decision, type HookEvent, type HookKind } from './host.js';
import { json, optionalObject, optionalString, requireString, type Json } from './input.js';

/**
 * Claude Code's hook protocol, which Codex CLI copies almost field for field: snake_case stdin
 * (`session_id`, `transcript_path`, `cwd`, `hook_event_name`, `stop_hook_active`), answers as JSON on
 * stdout with exit 0 (exit 2 is read differently per event and host, so Gatekeeper never uses it).
 */
export function parseClaudeShape(kind: HookKind, input: Json, host: string, editTools: RegExp, files: (toolInput: Json | undefined) => string[]): HookEvent {
  const session = requireString(input, 'session_id', host);
  const cwd = optionalString(input, 'cwd');
  const base = baseEvent(kind, session, cwd);
  if (kind === 'stop') return { ...base, reentered: input['stop_hook_active'] === true };
  if (kind === 'edit') {
    const tool = optionalString(input, 'tool_name');
    if (tool !== undefined && !editTools.test(tool)) return { ...base, ignored: true, files: [] };
    return { ...base, files: files(optionalObject(input, 'tool_input')) };
  }
  return base;
}

/**
 * Stop: `{}` lets it through; `{"decision":"block","reason"}` keeps the agent working with the
 * reason as its next instruction; `{"continue":false,"stopReason"}` ends the turn and shows the
 * human the reason. PostToolUse feedback goes in `hookSpecificOutput.additionalContext`, which the
 * model reads without the edit being undone. No other keys: Codex rejects an answer with an extra one.
 */
export function answerClaudeShape(kind: HookKind, decision: Decision, editEvent: string): string {
  switch (decision.kind) {
    case 'block':
      return json({ decision: 'block', reason: decision.reason.slice(0, MAX_REASON) });
    case 'unverified':
      return json({ continue: false, stopReason: notVerifiedLine(decision.reason) });
    case 'context':
      return kind === 'edit' ? json({ hookSpecificOutput: { hookEventName: editEvent, additionalContext: decision.text } }) : '{}';
    case 'allow':
      return '{}';
  }
}

/** Claude's and Codex's config shape: `hooks.<Event>` is a list of `{ matcher?, hooks: [{ type, command, timeout }] }`. */
export function claudeShapeEntry(event: string, command: string, timeout: number, matcher?: string): ConfigEntry {
  return { event, item: { ...(matcher !== undefined ? { matcher } : {}), hooks: [{ type: 'command', command, timeout }] } };
}
