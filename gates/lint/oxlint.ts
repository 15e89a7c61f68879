import type { SarifLinter } from './sarif-linter.js';

/** oxlint with the project's `.oxlintrc.json` (found by oxlint itself), printing SARIF. */
export const oxlint: SarifLinter = {
  name: 'oxlint',
  pkg: 'oxlint',
  bin: 'oxlint',
  args: (paths) => ['--format=sarif', ...paths],
};
