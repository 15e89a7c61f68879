import { killAllGroups } from '../core/process-groups.js';
import { EXIT } from '../core/errors.js';

/**
 * Ctrl-C / SIGTERM: abort the run (gates stop, their process groups are killed), give the
 * command a moment to write what it must (ledger, cache), then exit 130 / 143 regardless.
 */
const GRACE_MS = 10_000;

export function installSignalHandlers(controller: AbortController): { exitCodeIfSignalled(): number | undefined } {
  let received: number | undefined;
  const handle = (code: number) => () => {
    if (received !== undefined) {
      killAllGroups('SIGKILL');
      process.exit(received);
    }
    received = code;
    controller.abort();
    killAllGroups('SIGTERM');
    // Only a hung finish waits this long: a loaded machine needs seconds for the loop's end
    // checkpoint and its ledger line (3 s lost them); a second Ctrl-C still exits at once.
    setTimeout(() => {
      killAllGroups('SIGKILL');
      process.exit(code);
    }, GRACE_MS).unref();
  };
  process.on('SIGINT', handle(EXIT.interrupted));
  process.on('SIGTERM', handle(EXIT.terminated));
  return { exitCodeIfSignalled: () => received };
}
