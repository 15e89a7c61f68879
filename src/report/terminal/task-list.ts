import { Listr, type ListrTask } from 'listr2';
import { blocks, type GateResult } from '../../core/result.js';
import { titleOf } from './lines.js';

/**
 * listr2's live task list, for a terminal a person watches: one task per gate, each finished by
 * its gate's result (the pipeline runs the gates; this only shows them). Loaded only on a terminal.
 */
export function runTaskList(gates: readonly { id: string; kind: string; result: Promise<GateResult> }[], concurrent: boolean): Promise<unknown> {
  const tasks: ListrTask[] = gates.map((gate) => ({
    title: `${gate.id} · ${gate.kind}`,
    task: async (_ctx, task) => {
      const result = await gate.result;
      if (result.status === 'skipped') {
        task.skip(result.summary);
        return;
      }
      task.title = titleOf(result);
      if (blocks(result.status)) throw new Error(result.status === 'errored' ? 'errored, verdict unknown' : 'failed');
    },
  }));
  return new Listr(tasks, {
    // With parallel lanes several gates run at once; listr2 shows each as it goes.
    concurrent,
    exitOnError: false,
    collectErrors: false,
    registerSignalListeners: false,
    renderer: 'default',
    rendererOptions: { collapseSkips: false, collapseErrors: false },
  }).run();
}
