import { baseEvent, HOOK_TIMEOUTS, MAX_REASON, notVerifiedLine, type AgentHost, type HookEvent } from './host.js';
import { filesOf, json, optionalObject, optionalString, requireString } from './input.js';

/**
 * Gemini CLI (geminicli.com/docs/hooks/reference): `hooks` in `.gemini/settings.json`, Claude-style
 * groups, but `timeout` in milliseconds. AfterAgent rejects the answer with
 * `{"decision":"deny","reason"}` (the reason is the agent's next prompt) and ends the session with
 * `{"continue":false,"stopReason"}`; AfterTool appends `hookSpecificOutput.additionalContext` to the
 * tool result. Exit 0 with JSON is the documented way for all logic.
 */
export const gemini: AgentHost = {
  name: 'gemini',
  configFile: '.gemini/settings.json',
  newFile: {},
  timeouts: HOOK_TIMEOUTS,
  parse(kind, input): HookEvent {
    const session = requireString(input, 'session_id', 'gemini');
    const cwd = optionalString(input, 'cwd');
    const base = baseEvent(kind, session, cwd);
    if (kind === 'stop') return { ...base, reentered: input['stop_hook_active'] === true };
    if (kind !== 'edit') return base;
    const tool = optionalString(input, 'tool_name');
    if (tool !== undefined && !/^(write_file|replace)$/.test(tool)) return { ...base, ignored: true, files: [] };
    return { ...base, files: filesOf(optionalObject(input, 'tool_input')) };
  },
  answer(kind, decision) {
    switch (decision.kind) {
      case 'block':
        return { stdout: json({ decision: 'deny', reason: decision.reason.slice(0, MAX_REASON) }) };
      case 'unverified':
        return { stdout: json({ continue: false, stopReason: notVerifiedLine(decision.reason) }) };
      case 'context':
        return { stdout: kind === 'edit' ? json({ hookSpecificOutput: { hookEventName: 'AfterTool', additionalContext: decision.text } }) : '{}' };
      case 'allow':
        return { stdout: '{}' };
    }
  },
  entries(command) {
    const t = gemini.timeouts;
    const group = (kind: 'prompt' | 'edit' | 'stop', matcher?: string): Record<string, unknown> => ({
      ...(matcher !== undefined ? { matcher } : {}),
      hooks: [{ type: 'command', name: `gatekeeper-${kind}`, command: command(kind), timeout: t[kind] * 1000 }],
    });
    return [
      { event: 'BeforeAgent', item: group('prompt') },
      { event: 'AfterTool', item: group('edit', 'write_file|replace') },
      { event: 'AfterAgent', item: group('stop') },
    ];
  },
};
