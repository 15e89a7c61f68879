import { askEarly } from '../git/run-start.js';

/**
 * For `gatekeeper run` in its own folder: start the run's git questions before commander parses
 * and the run's code loads (git/run-start.ts). A static import on purpose: a dynamic one resolved
 * only after the run's own chunks had loaded, 40 ms later. Only the plain forms are recognised;
 * any other (--cwd) asks later, as every other command does.
 */
export function askGitEarly(argv: readonly string[]): void {
  const args = argv.slice(2);
  if (args[0] !== 'run' || args.some((a) => a === '--cwd' || a.startsWith('--cwd=') || a === '--help' || a === '-h')) return;
  const withTree = !args.some((a) => a === '--since' || a.startsWith('--since='));
  askEarly(process.cwd(), withTree);
}
