import { z } from 'zod';
import { defineGate } from '../src/core/gate.js';
import { runReportingCommand } from './command/reporting-command.js';
import { REPORT_FORMATS } from './command/report-formats.js';
import { runShellGate } from './run-shell.js';

const options = z
  .strictObject({
    command: z.string().min(1).describe('A shell command; without "format" the gate passes when it exits 0.'),
    cwd: z.string().optional().describe('Where to run it, relative to the project root.'),
    format: z
      .enum(REPORT_FORMATS)
      .optional()
      .describe('Read diagnostics from what the command writes: "sarif" (SARIF 2.1.0), "junit" (JUnit XML), "tsc" (`file(line,col): error TSxxxx: …`), "eslint-json" (ESLint\'s `--format json`), "gnu" (`file:line:col: message`). From stdout, or from "report".'),
    report: z.string().min(1).optional().describe('The file the command writes its report to (relative to cwd), read after it exits; one it did not write in this run is an error. Needs "format".'),
  })
  .describe('Any shell command; with "format", its SARIF, JUnit, tsc, ESLint-JSON or GNU-style report becomes diagnostics.');

export default defineGate({
  kind: 'command',
  description: 'Runs any shell command; passes on exit 0, or reads its report ("format") for file:line diagnostics.',
  options,
  run: (opts, ctx) => (opts.format === undefined ? runShellGate(opts.command, opts.cwd, ctx) : runReportingCommand({ ...opts, format: opts.format }, ctx)),
});
