import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';

export interface TsconfigChoice {
  /** The tsconfig the typecheck gate checks, relative to the project root. */
  chosen: string;
  /** Why this one. */
  why: string;
  /** The other tsconfig*.json files, for the user to add gates for if they matter. */
  others: string[];
}

interface TsconfigShape {
  files?: unknown;
  include?: unknown;
  references?: { path?: unknown }[];
}

function readTsconfig(file: string): TsconfigShape | undefined {
  try {
    const parsed: unknown = parseJsonc(readFileSync(file, 'utf8'), [], { allowTrailingComma: true });
    return parsed !== null && typeof parsed === 'object' ? (parsed as TsconfigShape) : undefined;
  } catch {
    return undefined;
  }
}

/** `"files": []` with references: a solution file that checks nothing itself under `tsc -p`. */
function referencedConfigs(root: string, config: TsconfigShape | undefined): string[] | undefined {
  const isSolution = Array.isArray(config?.files) && config.files.length === 0 && config.include === undefined && Array.isArray(config.references);
  if (!isSolution) return undefined;
  return (config.references ?? [])
    .map((r) => (typeof r.path === 'string' ? r.path : ''))
    .map((p) => (p.endsWith('.json') ? p : path.join(p, 'tsconfig.json')))
    .map((p) => path.relative(root, path.resolve(root, p)).split(path.sep).join('/'))
    .filter((p) => p !== '' && existsSync(path.join(root, p)));
}

/** Configs for tests, tooling or emitting are second choices: the application's own comes first. */
function rank(name: string): number {
  if (/(spec|test|e2e|node|eslint|vitest|vite)/i.test(name)) return 2;
  if (/(build|prod|lib|esm|cjs|types)/i.test(name)) return 1;
  return 0;
}

function byPreference(names: string[]): string[] {
  return [...names].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/**
 * Which tsconfig the typecheck gate should check: tsconfig.json when it checks files itself,
 * otherwise (a solution file, or no tsconfig.json) the most application-like of the others.
 */
export function chooseTsconfig(root: string): TsconfigChoice | undefined {
  const found = readdirSync(root).filter((f) => /^tsconfig.*\.json$/.test(f)).sort();
  if (found.length === 0) return undefined;
  const others = (chosen: string): string[] => found.filter((f) => f !== chosen);
  if (!found.includes('tsconfig.json')) {
    const chosen = byPreference(found)[0] ?? found[0] ?? '';
    return { chosen, why: `${chosen} (there is no tsconfig.json)`, others: others(chosen) };
  }
  const references = referencedConfigs(root, readTsconfig(path.join(root, 'tsconfig.json')));
  const referenced = byPreference(references ?? [])[0];
  if (referenced !== undefined) {
    return { chosen: referenced, why: `${referenced} (tsconfig.json only references other configs, so \`tsc -p tsconfig.json\` would check nothing)`, others: others(referenced) };
  }
  return { chosen: 'tsconfig.json', why: 'tsconfig.json', others: others('tsconfig.json') };
}
