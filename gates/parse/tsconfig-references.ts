import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';

interface TsconfigShape {
  files?: unknown;
  include?: unknown;
  references?: { path?: unknown }[];
}

/** The absolute config paths a solution config references, or undefined for an ordinary config. */
function referencesOf(file: string): string[] | undefined {
  let config: TsconfigShape;
  try {
    config = parseJsonc(readFileSync(file, 'utf8'), [], { allowTrailingComma: true }) as TsconfigShape;
  } catch {
    return undefined;
  }
  if (config === null || typeof config !== 'object') return undefined;
  const isSolution = Array.isArray(config.files) && config.files.length === 0 && config.include === undefined;
  if (!isSolution || !Array.isArray(config.references) || config.references.length === 0) return undefined;
  return config.references
    .map((ref) => (typeof ref?.path === 'string' ? path.resolve(path.dirname(file), ref.path) : undefined))
    .filter((p): p is string => p !== undefined)
    .map((p) => (existsSync(p) && statSync(p).isDirectory() ? path.join(p, 'tsconfig.json') : p));
}

/**
 * A "solution" tsconfig (`"files": []` plus `references`, as Vite's templates write) checks no
 * file of its own: `tsc -p` on it passes having checked nothing. The projects it references —
 * through nested solutions too — are what must be checked. Returns their config paths relative
 * to `root`, or undefined when the config is an ordinary one.
 */
export function solutionReferences(root: string, project: string): string[] | undefined {
  const top = path.resolve(root, project);
  if (referencesOf(top) === undefined) return undefined;
  const leaves: string[] = [];
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const refs = referencesOf(file);
    if (refs === undefined) leaves.push(path.relative(root, file));
    else refs.forEach(visit);
  };
  visit(top);
  return leaves;
}
