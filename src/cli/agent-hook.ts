import { InvalidArgumentError, type Command } from 'commander';
import { HOOK_KINDS, type HookKind } from '../agents/host.js';
import type { CommandRuntime } from './runtime.js';
import { positiveSeconds } from './seconds-option.js';

function kindOf(value: string): HookKind {
  if (!(HOOK_KINDS as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${HOOK_KINDS.join(', ')}, got "${value}".`);
  return value as HookKind;
}

export function registerAgentHook(program: Command, runtime: CommandRuntime): void {
  program
    .command('agent-hook')
    .description('called by an agent host\'s own hooks (see install --agent): prompt, stop or edit, answered in the host\'s protocol')
    .argument('<event>', `the hook event: ${HOOK_KINDS.join(', ')}`, kindOf)
    .requiredOption('--host <name>', 'the agent host calling: claude, codex, copilot, gemini or cursor')
    .option('--timeout <seconds>', 'the timeout the host was given for this hook; the answer comes before it', positiveSeconds, 60)
    .action(async (kind: HookKind, flags: { host: string; timeout: number }) => {
      const [{ handleHook }, { findHost }, { readStdin }] = await Promise.all([import('../agents/handle-hook.js'), import('../agents/hosts.js'), import('../hook/read-stdin.js')]);
      const host = findHost(flags.host);
      // A terminal on stdin is garbage input like any other: the stop is answered "not verified".
      const stdin = process.stdin.isTTY ? '' : await readStdin().catch(() => '');
      const answer = await handleHook({ host, kind, stdin, cwd: process.cwd(), timeoutSeconds: flags.timeout });
      if (answer.stderr !== undefined) process.stderr.write(answer.stderr);
      process.stdout.write(answer.stdout === '' ? '' : `${answer.stdout}\n`);
      // Always 0: the answer is the JSON on stdout. Several hosts treat any other exit code as "let it through".
      runtime.setExitCode(0);
    });
}
