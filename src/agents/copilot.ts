import { blockOnlyAnswer } from './block-only-answer.js';
import { baseEvent, HOOK_TIMEOUTS, type AgentHost, type HookEvent } from './host.js';
import { filesOf, optionalObject, optionalString, requireString } from './input.js';

/**
 * GitHub Copilot CLI and cloud agent (docs.github.com/copilot/reference/hooks-reference): files in
 * `.github/hooks/*.json`, `version: 1`, one flat list per event of `{ type, bash, timeoutSec }`.
 * Events named in camelCase get camelCase stdin (`sessionId`, `cwd`, `toolName`, `toolArgs`).
 * `agentStop` blocks with `{"decision":"block","reason"}` (the reason becomes the next prompt) and
 * has no field that ends a turn with a message, so "not verified" goes to the hook log on stderr
 * and the ledger; Copilot allows 8 consecutive blocks.
 */
export const copilot: AgentHost = {
  name: 'copilot',
  configFile: '.github/hooks/gatekeeper.json',
  newFile: { version: 1 },
  maxStops: 8,
  timeouts: HOOK_TIMEOUTS,
  parse(kind, input): HookEvent {
    const session = requireString(input, 'sessionId', 'copilot');
    const cwd = optionalString(input, 'cwd');
    const base = baseEvent(kind, session, cwd);
    if (kind !== 'edit') return base;
    const tool = optionalString(input, 'toolName');
    if (tool !== undefined && !/^(edit|create)$/.test(tool)) return { ...base, ignored: true, files: [] };
    return { ...base, files: filesOf(optionalObject(input, 'toolArgs')) };
  },
  answer(kind, decision) {
    return blockOnlyAnswer(decision, (reason) => ({ decision: 'block', reason }), decision.kind === 'context' && kind === 'edit' ? { additionalContext: decision.text } : undefined);
  },
  entries(command) {
    const t = copilot.timeouts;
    const item = (kind: 'prompt' | 'edit' | 'stop'): Record<string, unknown> => ({ type: 'command', bash: command(kind), timeoutSec: t[kind] });
    return [
      { event: 'userPromptSubmitted', item: item('prompt') },
      { event: 'postToolUse', item: item('edit') },
      { event: 'agentStop', item: item('stop') },
    ];
  },
};
