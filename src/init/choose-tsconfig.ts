import { readdirSync } from 'node:fs';
import { solutionReferences } from '../../gates/parse/tsconfig-references.js';

export interface TsconfigChoice {
  /** The tsconfig the typecheck gate checks, relative to the project root. */
  chosen: string;
  /** Why this one. */
  why: string;
  /** The other tsconfig*.json files the gate does not check, for the user to add gates for if they matter. */
  others: string[];
}

/** Configs for tests, tooling or emitting are second choices: the application's own comes first. */
function rank(name: string): number {
  if (/(spec|test|e2e|node|eslint|vitest|vite)/i.test(name)) return 2;
  if (/(build|prod|lib|esm|cjs|types)/i.test(name)) return 1;
  return 0;
}

/**
 * Which tsconfig the typecheck gate should check: tsconfig.json when there is one (a solution
 * file included: the gate checks each project it references), otherwise the most
 * application-like of the custom names.
 */
export function chooseTsconfig(root: string): TsconfigChoice | undefined {
  const found = readdirSync(root).filter((f) => /^tsconfig.*\.json$/.test(f)).sort();
  if (found.includes('tsconfig.json')) {
    const references = solutionReferences(root, 'tsconfig.json')?.map((p) => p.split('\\').join('/'));
    const why = references ? `tsconfig.json, a solution file (the gate checks each project it references: ${references.join(', ')})` : 'tsconfig.json';
    return { chosen: 'tsconfig.json', why, others: found.filter((f) => f !== 'tsconfig.json' && !references?.includes(f)) };
  }
  const chosen = [...found].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))[0];
  if (chosen === undefined) return undefined;
  return { chosen, why: `${chosen} (there is no tsconfig.json)`, others: found.filter((f) => f !== chosen) };
}
