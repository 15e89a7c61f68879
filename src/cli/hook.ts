import type { Command } from 'commander';
import type { CommandRuntime } from './runtime.js';

export function registerHook(program: Command, runtime: CommandRuntime): void {
  const hook = program.command('hook').description('entry points for git hooks (called by the scripts in hooks/)');
  hook
    .command('pre-push')
    .description('judge the commits git is about to push (reads git\'s ref lines on stdin)')
    .argument('<remote-name>', 'the remote being pushed to, as git passes it')
    // The URL is accepted because git passes it, and left unused: it may carry credentials.
    .argument('[remote-url]', 'its URL, as git passes it')
    .action(async (remoteName: string) => {
      const [{ runPrePush }, { readStdin }] = await Promise.all([import('../hook/pre-push.js'), import('../hook/read-stdin.js')]);
      const code = await runPrePush({
        remoteName,
        cwd: process.cwd(),
        input: () => readStdin(),
        env: process.env,
        signal: runtime.signal,
        say: (line) => process.stdout.write(`${line}\n`),
      });
      runtime.setExitCode(code);
    });
}
