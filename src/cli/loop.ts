import { InvalidArgumentError, type Command } from 'commander';
import type { LoopOverrides } from '../loop/settings.js';
import type { CommandRuntime } from './runtime.js';
import { positiveSeconds } from './seconds-option.js';

interface LoopFlags extends LoopOverrides {
  config?: string;
  cwd?: string;
  json?: boolean;
  holdTheLine?: boolean;
}

function wholeNumber(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`expected a whole number of at least ${min}, got "${value}".`);
    return n;
  };
}

export function registerLoop(program: Command, runtime: CommandRuntime): void {
  program
    .command('loop')
    .description('run an AI coding agent until every gate passes, with feedback, spiral detection and checkpoints')
    .option('--agent <command>', 'the agent command, run through the shell ({feedback} and {feedback_file} are replaced)')
    .option('--task <text>', 'the task for the first agent call (without one, the gates run first)')
    .option('--task-file <path>', 'read the task from this file')
    .option('--max-attempts <n>', 'gate runs before giving up (default 5)', wholeNumber(1))
    .option('--agent-timeout <seconds>', 'kill an agent call after this long (default 900)', positiveSeconds)
    .option('--feedback-budget <chars>', 'the size of the feedback digest in characters (default 6000, at least 500)', wholeNumber(500))
    .option('--config <path>', 'the config file (default: .gatekeeper.json, found from --cwd up to the repository root)')
    .option('--cwd <dir>', 'run as if started in this folder')
    .option('--json', 'print one JSON object on stdout and nothing else there')
    .option('--no-hold-the-line', 'count every finding, old or new (overrides "holdTheLine" in the config)')
    .action(async (flags: LoopFlags, command: Command) => {
      const [{ closingLines, silentProgress, textProgress }, { loopJson }, { runLoop }] = await Promise.all([
        import('../loop/progress.js'),
        import('../loop/loop-json.js'),
        import('../loop/run-loop.js'),
      ]);
      const { config, cwd, json, holdTheLine, ...overrides } = flags;
      const write = (line: string): void => void process.stdout.write(`${line}\n`);
      const response = await runLoop({
        cwd: cwd ?? process.cwd(),
        ...(config !== undefined ? { configPath: config } : {}),
        overrides,
        progress: json ? silentProgress : textProgress(write),
        signal: runtime.signal,
        ...(command.getOptionValueSource('holdTheLine') === 'cli' ? { holdTheLine: holdTheLine === true } : {}),
      });
      if (json) write(JSON.stringify(loopJson(response.outcome, response.reason, response.attempts)));
      else closingLines(response).forEach(write);
      runtime.setExitCode(response.exitCode);
    });
}
