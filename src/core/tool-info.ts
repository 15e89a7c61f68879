import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ToolInfo } from './result.js';

/**
 * `name` at the version of `pkg` that Node resolves from `from` (a file path or URL); just the
 * name when it is not installed.
 */
export function installedTool(name: string, pkg: string, from: string | URL): ToolInfo {
  try {
    const file = createRequire(from).resolve(`${pkg}/package.json`);
    const version = (JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version;
    return typeof version === 'string' ? { name, version } : { name };
  } catch {
    return { name };
  }
}

/** The project's own copy of a tool, resolved as the gates resolve it. */
export function projectTool(name: string, pkg: string, root: string): ToolInfo {
  return installedTool(name, pkg, path.join(root, 'package.json'));
}
