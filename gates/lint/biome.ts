import type { SarifLinter } from './sarif-linter.js';

/**
 * `biome lint`: the linter alone (not the formatter, which `biome check` adds). Files its
 * configuration ignores or it cannot handle (a changed README) are left alone, not errors.
 */
export const biome: SarifLinter = {
  name: 'biome',
  pkg: '@biomejs/biome',
  bin: 'biome',
  args: (paths) => ['lint', '--reporter=sarif', '--max-diagnostics=none', '--colors=off', '--no-errors-on-unmatched', '--files-ignore-unknown=true', ...paths],
};
