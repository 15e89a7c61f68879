import { blocks, type GateResult } from '../core/result.js';
import { detectSpiral, type AttemptFacts } from './spiral.js';

export type LoopOutcome = 'passed' | 'exhausted' | 'spiral' | 'tampered' | 'agent-failed' | 'interrupted';

/** The loop's exit codes: a contract for scripts that wrap it. */
export const LOOP_EXIT: Record<LoopOutcome, number> = {
  passed: 0,
  exhausted: 1,
  spiral: 3,
  tampered: 4,
  'agent-failed': 5,
  interrupted: 130,
};

export interface Verdict {
  outcome: LoopOutcome;
  reason: string;
}

export interface StopRules {
  maxAttempts: number;
  spiralRepeats: number;
}

/**
 * After each attempt: stop, and why, or go on (undefined). A crashed agent is not spiralling,
 * so its attempt is not judged for spirals; two failed calls in a row end the loop.
 */
export function judgeAttempt(history: readonly AttemptFacts[], rules: StopRules): Verdict | undefined {
  const current = history.at(-1);
  if (!current) return undefined;
  if (current.passed) return { outcome: 'passed', reason: `every gate passed on attempt ${current.n}` };
  const previous = history.at(-2);
  if (current.agentProblem !== undefined && previous?.agentProblem !== undefined) {
    return { outcome: 'agent-failed', reason: `the agent failed twice in a row: attempt ${previous.n} ${previous.agentProblem}, attempt ${current.n} ${current.agentProblem}` };
  }
  const spiral = current.agentProblem === undefined ? detectSpiral(history, rules.spiralRepeats) : undefined;
  if (spiral !== undefined) return { outcome: 'spiral', reason: spiral };
  if (current.n >= rules.maxAttempts) return { outcome: 'exhausted', reason: `the gates still fail after ${current.n} attempts, the most allowed (--max-attempts or loop.maxAttempts)` };
  return undefined;
}

/** The guard's verdict outranks the rest: a loop that ends with weakened checks says so. */
export function withTamper(verdict: Verdict, lastResults: readonly GateResult[] | undefined): Verdict {
  if (verdict.outcome === 'passed' || verdict.outcome === 'interrupted') return verdict;
  const guard = lastResults?.find((r) => r.kind === 'guard' && blocks(r.status));
  return guard ? { outcome: 'tampered', reason: `the ${guard.id} gate still fails on the last attempt: ${guard.summary} (${verdict.reason})` } : verdict;
}
