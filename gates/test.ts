import { z } from 'zod';
import { defineGate } from '../src/core/gate.js';
import type { ToolInfo } from '../src/core/result.js';
import { projectTool } from '../src/core/tool-info.js';
import { detectRunner, type RunnerName } from './test/detect-runner.js';
import { runJest } from './test/jest.js';
import { runNodeTest } from './test/node-test.js';
import { runVitest } from './test/vitest.js';

const options = z
  .strictObject({
    runner: z
      .enum(['vitest', 'jest', 'node'])
      .optional()
      .describe('Which test runner (default: the one package.json\'s test script calls, else the one installed: Vitest, then Jest). "node" is `node --test`.'),
    args: z.array(z.string()).optional().describe('Extra arguments for the runner (`vitest run`, `jest`, or after `node --test`: files, --import…).'),
    related: z.boolean().optional().describe('In a changed-files scope, run only the tests related to the changed files (Vitest `related`, Jest `--findRelatedTests`; Node runs all). Default false.'),
    incremental: z
      .boolean()
      .optional()
      .describe('Vitest: after the whole suite passed, run only the tests that import the files changed since, when every changed file is a module reached by import; the whole suite otherwise (default true; false always runs the whole suite).'),
  })
  .describe('The project\'s own Vitest or Jest, or Node\'s test runner, as a child process with a machine-readable report.');

function toolOf(runner: RunnerName, root: string): ToolInfo {
  return runner === 'node' ? { name: 'node', version: process.versions.node } : projectTool(runner, runner, root);
}

const RUNNERS: Record<RunnerName, typeof runVitest> = { vitest: runVitest, jest: runJest, node: runNodeTest };

export default defineGate({
  kind: 'test',
  description: 'Runs the project\'s own Vitest or Jest, or `node --test`; zero tests executed is an error, not a pass.',
  options,
  tool: (root) => toolOf(detectRunner(root), root),
  async run(opts, ctx) {
    const runner = opts.runner ?? detectRunner(ctx.root);
    const outcome = await RUNNERS[runner]({ args: opts.args ?? [], related: opts.related === true, incremental: opts.incremental !== false }, ctx);
    return { tool: toolOf(runner, ctx.root), ...outcome };
  },
});
