import type { GateResult } from '../../core/result.js';
import type { Reporter, RunReport } from '../reporter.js';
import { summaryLines } from './lines.js';
import { plainList, type PlainList } from './plain-list.js';

interface Deferred {
  promise: Promise<GateResult>;
  resolve(result: GateResult): void;
}

function deferred(): Deferred {
  let resolve!: (result: GateResult) => void;
  const promise = new Promise<GateResult>((r) => (resolve = r));
  return { promise, resolve };
}

function useLiveList(): boolean {
  return process.stdout.isTTY === true && !process.env['CI'];
}

/**
 * The terminal report: a task list while the gates run — listr2's live one on a terminal, plain
 * lines in logs and pipes — then the findings of every blocking gate and the verdict.
 */
export function terminalReporter(): Reporter {
  const pending = new Map<string, Deferred>();
  let live: Promise<unknown> | undefined;
  let plain: PlainList | undefined;
  return {
    onPlan(gates, options) {
      const concurrent = options?.parallel === true;
      if (!useLiveList()) {
        plain = plainList(gates, concurrent, (line) => process.stdout.write(`${line}\n`));
        return;
      }
      const shown = gates.map((gate) => {
        const d = deferred();
        pending.set(gate.id, d);
        return { ...gate, result: d.promise };
      });
      live = import('./task-list.js').then(({ runTaskList }) => runTaskList(shown, concurrent));
    },
    onGateEnd(result) {
      pending.get(result.id)?.resolve(result);
      plain?.end(result);
    },
    async finish(report: RunReport) {
      for (const result of report.results) {
        pending.get(result.id)?.resolve(result);
        plain?.end(result);
      }
      if (live) {
        await live.catch(() => undefined);
        // listr2 renders a failed task's last state on a later tick than its run() settles.
        await new Promise((resolve) => setImmediate(resolve));
      }
      process.stdout.write(`${summaryLines(report).join('\n')}\n`);
    },
  };
}
