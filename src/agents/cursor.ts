import { blockOnlyAnswer } from './block-only-answer.js';
import { baseEvent, HOOK_TIMEOUTS, type AgentHost, type HookEvent } from './host.js';
import { optionalString, requireString } from './input.js';

/**
 * Cursor (cursor.com/docs/agent/hooks): `.cursor/hooks.json`, `version: 1`, one flat list per event
 * of `{ command, timeout }`. Every event carries `conversation_id` and `workspace_roots`. The `stop`
 * event continues the agent with `{"followup_message"}` (submitted as the next user message, at most
 * 5 times in a row, counted in `loop_count`); it has no field that ends a turn with a message, so "not
 * verified" goes to the hook log on stderr and the ledger. A stop whose `status` is not `completed`
 * (the user aborted, or the agent errored) is not judged: a follow-up would restart what the user stopped.
 */
export const cursor: AgentHost = {
  name: 'cursor',
  configFile: '.cursor/hooks.json',
  newFile: { version: 1 },
  maxStops: 5,
  timeouts: HOOK_TIMEOUTS,
  parse(kind, input): HookEvent {
    const session = requireString(input, 'conversation_id', 'cursor');
    const roots = input['workspace_roots'];
    const cwd = Array.isArray(roots) && typeof roots[0] === 'string' ? roots[0] : undefined;
    const base = baseEvent(kind, session, cwd);
    if (kind === 'stop') {
      const status = optionalString(input, 'status');
      return { ...base, reentered: typeof input['loop_count'] === 'number' && input['loop_count'] > 0, ...(status !== undefined && status !== 'completed' ? { ignored: true } : {}) };
    }
    if (kind === 'edit') {
      const file = optionalString(input, 'file_path');
      return { ...base, files: file === undefined ? [] : [file] };
    }
    return base;
  },
  answer(kind, decision) {
    return blockOnlyAnswer(decision, (reason) => ({ followup_message: reason }), kind === 'prompt' ? { continue: true } : undefined);
  },
  entries(command) {
    const t = cursor.timeouts;
    return [
      { event: 'beforeSubmitPrompt', item: { command: command('prompt'), timeout: t.prompt } },
      { event: 'afterFileEdit', item: { command: command('edit'), timeout: t.edit } },
      { event: 'stop', item: { command: command('stop'), timeout: t.stop } },
    ];
  },
};
