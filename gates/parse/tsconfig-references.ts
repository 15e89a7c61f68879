import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';

/**
 * A "solution" tsconfig (`"files": []` plus `references`, as Vite's templates write) checks no
 * file of its own: `tsc -p` on it passes having checked nothing. Its referenced projects are
 * what must be checked. Returns their config paths relative to `root`, or undefined when the
 * config is an ordinary one.
 */
export function solutionReferences(root: string, project: string): string[] | undefined {
  const file = path.resolve(root, project);
  let config: { files?: unknown; include?: unknown; references?: { path?: unknown }[] };
  try {
    config = parseJsonc(readFileSync(file, 'utf8'), [], { allowTrailingComma: true }) as typeof config;
  } catch {
    return undefined;
  }
  if (config === null || typeof config !== 'object') return undefined;
  const isSolution = Array.isArray(config.files) && config.files.length === 0 && config.include === undefined;
  if (!isSolution || !Array.isArray(config.references) || config.references.length === 0) return undefined;
  return config.references
    .map((ref) => (typeof ref?.path === 'string' ? path.resolve(path.dirname(file), ref.path) : undefined))
    .filter((p): p is string => p !== undefined)
    .map((p) => (existsSync(p) && statSync(p).isDirectory() ? path.join(p, 'tsconfig.json') : p))
    .map((p) => path.relative(root, p));
}
