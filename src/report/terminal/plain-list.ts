import { blocks, type GateResult } from '../../core/result.js';
import { color, titleOf } from './lines.js';

/**
 * The task list as lines for logs and pipes, in the format of listr2's simple renderer: `❯` when a
 * gate starts, then `✔`, `✖ … [FAILED: …]` or `↓ … [SKIPPED: …]`. Written here rather than by
 * listr2 so that a run whose output is not a terminal (every CI run and hook) does not load it.
 * Sequential gates are shown in plan order, as they ran; with parallel lanes every gate is shown
 * started at once and each ends when its result comes.
 */
interface PlannedGate {
  id: string;
  kind: string;
}

export interface PlainList {
  end(result: GateResult): void;
}

function endLine(result: GateResult, kind: string): string {
  if (result.status === 'skipped') return `${color.yellow('↓')} ${result.id} · ${kind} ${color.yellow(`[SKIPPED: ${result.summary}]`)}`;
  if (!blocks(result.status)) return `${color.green('✔')} ${titleOf(result)}`;
  const why = result.status === 'errored' ? 'errored, verdict unknown' : 'failed';
  return `${color.red('✖')} ${titleOf(result)} ${color.red(`[FAILED: ${why}]`)}`;
}

const startLine = (gate: PlannedGate): string => `${color.yellow('❯')} ${gate.id} · ${gate.kind}`;

export function plainList(gates: readonly PlannedGate[], concurrent: boolean, write: (line: string) => void): PlainList {
  const ended = new Map<string, GateResult>();
  let next = 0;
  if (concurrent) for (const gate of gates) write(startLine(gate));
  else if (gates[0]) write(startLine(gates[0]));
  return {
    end(result) {
      // The first result of a gate counts (the finished report repeats each one).
      if (ended.has(result.id)) return;
      const kind = gates.find((g) => g.id === result.id)?.kind ?? result.kind;
      if (concurrent) {
        write(endLine(result, kind));
        return;
      }
      ended.set(result.id, result);
      for (;;) {
        const gate = gates[next];
        const done = gate && ended.get(gate.id);
        if (!gate || !done) return;
        write(endLine(done, gate.kind));
        next++;
        const following = gates[next];
        if (following) write(startLine(following));
      }
    },
  };
}
