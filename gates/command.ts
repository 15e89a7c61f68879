import { z } from 'zod';
import { defineGate } from '../src/core/gate.js';
import { runShellGate } from './run-shell.js';

const options = z
  .strictObject({
    command: z.string().min(1).describe('A shell command; the gate passes when it exits 0.'),
    cwd: z.string().optional().describe('Where to run it, relative to the project root.'),
  })
  .describe('Any shell command.');

export default defineGate({
  kind: 'command',
  description: 'Runs any shell command; passes on exit 0.',
  options,
  run: (opts, ctx) => runShellGate(opts.command, opts.cwd, ctx),
});
