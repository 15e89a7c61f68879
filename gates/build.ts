import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { defineGate, erroredOutcome } from '../src/core/gate.js';
import { runShellGate } from './run-shell.js';

const options = z
  .strictObject({
    command: z.string().min(1).optional().describe('The build command (default: `npm run build` when package.json has a build script).'),
    cwd: z.string().optional().describe('Where to run it, relative to the project root.'),
  })
  .describe('The project\'s build.');

async function hasBuildScript(root: string): Promise<boolean> {
  try {
    const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
    return typeof pkg.scripts?.['build'] === 'string';
  } catch {
    return false;
  }
}

export default defineGate({
  kind: 'build',
  description: 'Runs the build (`npm run build` by default); passes on exit 0.',
  options,
  async run(opts, ctx) {
    if (opts.command === undefined && !(await hasBuildScript(ctx.root))) {
      return erroredOutcome('package.json has no "build" script; give the build gate a "command"');
    }
    return runShellGate(opts.command ?? 'npm run build', opts.cwd, ctx);
  },
});
