/** What the spiral check needs to know of one attempt. */
export interface AttemptFacts {
  n: number;
  passed: boolean;
  fingerprint: string | null;
  /** The agent was called before this attempt's gates. */
  agentRan: boolean;
  /** Why the agent call failed (non-zero exit, timeout), if it did. */
  agentProblem?: string;
  /** The agent's call left the work tree exactly as it found it. */
  treeUnchanged: boolean;
}

function trailingRun(history: readonly AttemptFacts[], fingerprint: string | null): number {
  let run = 0;
  for (let i = history.length - 1; i >= 0 && history[i]?.fingerprint === fingerprint; i--) run++;
  return run;
}

/**
 * The three ways an agent goes round in circles, judged on the latest attempt; one line saying
 * which, or undefined. `repeatsAllowed`: consecutive attempts that may end with the same failures.
 */
export function detectSpiral(history: readonly AttemptFacts[], repeatsAllowed: number): string | undefined {
  const current = history.at(-1);
  if (!current || current.passed) return undefined;
  if (current.agentRan && current.treeUnchanged) return `the agent changed nothing at all in attempt ${current.n}: the work tree is exactly what it was before the call`;
  const run = trailingRun(history, current.fingerprint);
  if (run > repeatsAllowed) {
    return `the same failures (fingerprint ${current.fingerprint ?? 'none'}) on ${run} consecutive attempts (${current.n - run + 1} to ${current.n})`;
  }
  const earlier = history.slice(0, history.length - run).findLast((a) => a.fingerprint === current.fingerprint);
  if (earlier) return `oscillating: attempt ${current.n} is back to the failures of attempt ${earlier.n} (fingerprint ${current.fingerprint ?? 'none'})`;
  return undefined;
}
