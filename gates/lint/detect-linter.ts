import { existsSync } from 'node:fs';
import path from 'node:path';

export type LinterName = 'eslint' | 'biome' | 'oxlint';

/** The config files that name each linter, in the order a project without `"linter"` is read. */
export const LINTER_CONFIGS: Record<LinterName, readonly string[]> = {
  eslint: ['js', 'mjs', 'cjs', 'ts', 'mts', 'cts'].map((ext) => `eslint.config.${ext}`),
  biome: ['biome.json', 'biome.jsonc'],
  oxlint: ['.oxlintrc.json', '.oxlintrc.jsonc', 'oxlint.config.ts'],
};

/** Every linter whose config file is in `root`, ESLint first. */
export function linterConfigs(root: string): { linter: LinterName; config: string }[] {
  return (Object.keys(LINTER_CONFIGS) as LinterName[]).flatMap((linter) => {
    const config = LINTER_CONFIGS[linter].find((f) => existsSync(path.join(root, f)));
    return config === undefined ? [] : [{ linter, config }];
  });
}

/**
 * The linter a gate without `"linter"` runs: the first one configured, ESLint when none is (so
 * that a missing config is ESLint's own clear error, as before linters were chosen).
 */
export function detectLinter(root: string): LinterName {
  return linterConfigs(root)[0]?.linter ?? 'eslint';
}
