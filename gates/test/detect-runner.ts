import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type RunnerName = 'vitest' | 'jest' | 'node';

const CONFIG_EXTENSIONS = ['ts', 'mts', 'cts', 'js', 'mjs', 'cjs', 'json'];
export const JEST_CONFIGS = CONFIG_EXTENSIONS.map((ext) => `jest.config.${ext}`);
export const VITEST_CONFIGS = CONFIG_EXTENSIONS.filter((e) => e !== 'json').flatMap((ext) => [`vitest.config.${ext}`, `vitest.workspace.${ext}`]);

interface PackageJson {
  scripts?: Record<string, unknown>;
  dependencies?: Record<string, unknown>;
  devDependencies?: Record<string, unknown>;
  jest?: unknown;
}

function readPackageJson(root: string): PackageJson {
  try {
    return JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as PackageJson;
  } catch {
    return {};
  }
}

/** The runner a `test` script calls, if it names one. */
export function runnerOfScript(script: string): RunnerName | undefined {
  if (/(^|[\s;&|/])vitest(\s|$)/.test(script)) return 'vitest';
  if (/(^|[\s;&|/])jest(\s|$)/.test(script)) return 'jest';
  if (/(^|[\s;&|])node\s+(?:[^;&|]*\s)?--test(\s|$)/.test(script)) return 'node';
  return undefined;
}

/**
 * The runner a test gate without `"runner"` uses: the one the `test` script calls, else the one
 * installed or configured (Vitest before Jest), else Node's own when the project has neither
 * and its test script runs `node --test`; Vitest as before runners were chosen.
 */
export function detectRunner(root: string): RunnerName {
  const pkg = readPackageJson(root);
  const script = pkg.scripts?.['test'];
  const named = typeof script === 'string' ? runnerOfScript(script) : undefined;
  if (named) return named;
  const has = (dep: string): boolean => pkg.devDependencies?.[dep] !== undefined || pkg.dependencies?.[dep] !== undefined;
  const exists = (files: readonly string[]): boolean => files.some((f) => existsSync(path.join(root, f)));
  if (has('vitest') || exists(VITEST_CONFIGS)) return 'vitest';
  if (has('jest') || pkg.jest !== undefined || exists(JEST_CONFIGS)) return 'jest';
  return 'vitest';
}
