import { UserFacingError } from '../core/errors.js';

/** All of stdin as text. A terminal or a read error is refused: git's ref lines are the hook's only input. */
export async function readStdin(stream: NodeJS.ReadStream = process.stdin): Promise<string> {
  if (stream.isTTY) {
    throw new UserFacingError('stdin is a terminal, but `gatekeeper hook pre-push` reads the pushed refs that git writes on stdin. It is meant to be run by git\'s pre-push hook (see `gatekeeper install`).');
  }
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  } catch (error) {
    throw new UserFacingError(`could not read the pushed refs from stdin (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
  return Buffer.concat(chunks).toString('utf8');
}
