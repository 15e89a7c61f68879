import { erroredOutcome, type GateOutcome } from './gate.js';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface ResolvedTool {
  name: string;
  version: string;
  /** Folder of the tool's package. */
  dir: string;
  /** Absolute path of a file inside the package (its bin, or its main entry). */
  entry: string;
}

export class ToolMissingError extends Error {
  constructor(
    readonly tool: string,
    readonly root: string,
  ) {
    super(`${tool} is not installed in ${root}. Install it with: npm install --save-dev ${tool}`);
  }
}

function packageJsonOf(pkg: string, root: string): { dir: string; json: Record<string, unknown> } {
  const require = createRequire(path.join(root, 'package.json'));
  let file: string;
  try {
    file = require.resolve(`${pkg}/package.json`);
  } catch {
    throw new ToolMissingError(pkg, root);
  }
  return { dir: path.dirname(file), json: JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> };
}

/**
 * The user's own copy of a tool, found the way Node would find it from the user's project.
 * Gatekeeper never falls back to a copy of its own: a verdict must come from the user's version.
 */
export function resolveBin(pkg: string, binName: string, root: string): ResolvedTool {
  const { dir, json } = packageJsonOf(pkg, root);
  const bin = json['bin'];
  const rel = typeof bin === 'string' ? bin : typeof bin === 'object' && bin !== null ? (bin as Record<string, string>)[binName] : undefined;
  if (rel === undefined) throw new ToolMissingError(pkg, root);
  return { name: pkg, version: String(json['version'] ?? 'unknown'), dir, entry: path.join(dir, rel) };
}

export function resolveModule(pkg: string, root: string): ResolvedTool {
  const { dir, json } = packageJsonOf(pkg, root);
  const require = createRequire(path.join(root, 'package.json'));
  let entry: string;
  try {
    entry = require.resolve(pkg);
  } catch {
    throw new ToolMissingError(pkg, root);
  }
  return { name: pkg, version: String(json['version'] ?? 'unknown'), dir, entry };
}

/**
 * The tool, or the `errored` outcome a gate returns when the project lacks it — with the npm
 * command that installs it. Any other failure is Gatekeeper's own and propagates.
 */
export function toolOrMissing(resolve: () => ResolvedTool): ResolvedTool | GateOutcome {
  try {
    return resolve();
  } catch (error) {
    if (error instanceof ToolMissingError) return erroredOutcome(error.message);
    throw error;
  }
}
