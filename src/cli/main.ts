#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { EXIT, UserFacingError } from '../core/errors.js';
import { registerAgentHook } from './agent-hook.js';
import { registerHook } from './hook.js';
import { registerInstall } from './install.js';
import { registerRun } from './run.js';
import { registerMergeReports } from './merge-reports.js';
import { registerInit } from './init.js';
import { registerStats } from './stats.js';
import { registerUninstall } from './uninstall.js';
import { registerLoop } from './loop.js';
import { registerCheckpoints } from './checkpoints.js';
import { registerRestore } from './restore.js';
import { registerHoldBase } from './hold-base.js';
import { installSignalHandlers } from './signals.js';
import { askGitEarly } from './ask-git-early.js';

// Start-up cost is paid by every push and every agent edit, so this file and the register*
// functions load almost nothing: a register function only declares its command and flags
// (commander, types, tiny helpers), and its action `await import()`s the modules that do the work
// (the pipeline, zod, listr2, execa, the gates). A new command follows the same pattern: one file in
// src/cli/ with `import type` only at the top, and one `register…(program, runtime)` line below.
// `gatekeeper --version` and `--help` must not load the pipeline; test/startup.test.ts checks it.

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };

async function main(argv: string[]): Promise<number> {
  askGitEarly(argv);
  const controller = new AbortController();
  const signals = installSignalHandlers(controller);
  let exitCode: number = EXIT.passed;
  const runtime = { signal: controller.signal, setExitCode: (code: number) => (exitCode = code) };

  const program = new Command('gatekeeper')
    .description('Only a tree that passes every gate may be pushed.')
    .version(pkg.version)
    .exitOverride()
    .showHelpAfterError('(run gatekeeper --help for usage)');
  registerRun(program, runtime);
  registerMergeReports(program, runtime);
  registerInit(program, runtime);
  registerStats(program);
  registerInstall(program);
  registerUninstall(program);
  registerHook(program, runtime);
  registerLoop(program, runtime);
  registerCheckpoints(program, runtime);
  registerRestore(program, runtime);
  registerHoldBase(program, runtime);
  registerAgentHook(program, runtime);

  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with code 0; usage mistakes with 1, which we make 2.
      return error.exitCode === 0 ? EXIT.passed : EXIT.usage;
    }
    if (error instanceof UserFacingError) {
      process.stderr.write(`gatekeeper: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`gatekeeper: internal error: ${message}\nThe gates' verdict is unknown, so this counts as a failure. Set GATEKEEPER_DEBUG=1 for details.\n`);
    if (process.env['GATEKEEPER_DEBUG'] && error instanceof Error) process.stderr.write(`${error.stack ?? ''}\n`);
    return EXIT.internal;
  }
  return signals.exitCodeIfSignalled() ?? exitCode;
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
    // A tool loaded in-process (ESLint) may leave a handle open; the verdict is final, so leave.
    setTimeout(() => process.exit(code), 200).unref();
  },
  () => {
    process.exitCode = EXIT.internal;
  },
);
