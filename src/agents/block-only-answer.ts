import type { Decision, HostAnswer } from './host.js';
import { MAX_REASON } from './host.js';
import { json } from './input.js';

/**
 * The answer of a host whose stop can keep the agent going but has no field that ends a turn with
 * a message (Copilot's `agentStop`, Cursor's `stop`): a block carries the reason, cut to MAX_REASON,
 * in the host's own shape; every other decision goes through, with `otherwise` when the event has
 * something to say, else `{}`. "Not verified" reaches the human on stderr and in the ledger.
 */
export function blockOnlyAnswer(decision: Decision, blocked: (reason: string) => Record<string, unknown>, otherwise?: Record<string, unknown>): HostAnswer {
  if (decision.kind === 'block') return { stdout: json(blocked(decision.reason.slice(0, MAX_REASON))) };
  return { stdout: otherwise === undefined ? '{}' : json(otherwise) };
}
