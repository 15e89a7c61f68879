import { blocks, type GateResult } from '../core/result.js';
import { formatDuration } from '../format/diagnostic-text.js';
import type { Checkpoint } from '../git/checkpoint.js';
import type { AgentRun } from './agent.js';

/** What the loop tells the person watching; `--json` watches silently. */
export interface LoopProgress {
  begin(runId: string, maxAttempts: number, gates: readonly { id: string }[]): void;
  agentStart(n: number, checkpoint: Checkpoint): void;
  agentEnd(n: number, run: AgentRun, treeUnchanged: boolean, log: string): void;
  gatesEnd(n: number, results: readonly GateResult[], fingerprint: string | null): void;
}

export const silentProgress: LoopProgress = {
  begin: () => undefined,
  agentStart: () => undefined,
  agentEnd: () => undefined,
  gatesEnd: () => undefined,
};

function gateLine(results: readonly GateResult[]): string {
  const failing = results.filter((r) => blocks(r.status));
  if (failing.length === 0) return 'every gate passed';
  return `${failing.map((r) => `${r.id} ${r.status} (${r.summary})`).join('; ')}`;
}

export function textProgress(write: (line: string) => void): LoopProgress {
  return {
    begin(runId, maxAttempts, gates) {
      write(`gatekeeper loop ${runId}: at most ${maxAttempts} attempts; gates ${gates.map((g) => g.id).join(', ')}`);
    },
    agentStart(n, checkpoint) {
      write(`attempt ${n}: checkpoint ${checkpoint.id}; running the agent`);
    },
    agentEnd(n, run, treeUnchanged, log) {
      const how = run.problem ?? 'exited with code 0';
      write(`attempt ${n}: the agent ${how} after ${formatDuration(run.durationMs)}${treeUnchanged ? ' and changed nothing' : ''} (its output: ${log})`);
    },
    gatesEnd(n, results, fingerprint) {
      write(`attempt ${n}: ${gateLine(results)}${fingerprint ? ` [fingerprint ${fingerprint}]` : ''}`);
    },
  };
}

/** The closing lines: the outcome and its reason, where the feedback is, how to go back. */
export function closingLines(end: { outcome: string; reason: string; attempts: readonly unknown[]; start: Checkpoint; end?: Checkpoint }): string[] {
  const mark = end.outcome === 'passed' ? '✔' : '✖';
  const lines = [`${mark} loop ${end.outcome} after ${end.attempts.length} attempt${end.attempts.length === 1 ? '' : 's'}: ${end.reason}`];
  if (end.outcome !== 'passed') lines.push('  the last feedback digest: .gatekeeper/feedback.md');
  if (end.end) lines.push(`  back to the start: gatekeeper restore ${end.start.id}   (all checkpoints: gatekeeper checkpoints)`);
  return lines;
}
