import { existsSync } from 'node:fs';
import path from 'node:path';

/** Where users expect a tool's cache: node_modules/.cache/<tool>, else a folder of our own. */
export function cacheDirFor(root: string): string {
  const nodeModules = path.join(root, 'node_modules');
  return existsSync(nodeModules) ? path.join(nodeModules, '.cache', 'gatekeeper') : path.join(root, '.gatekeeper', 'cache');
}
