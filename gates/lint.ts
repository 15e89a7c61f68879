import { z } from 'zod';
import { defineGate } from '../src/core/gate.js';
import { projectTool } from '../src/core/tool-info.js';
import { biome } from './lint/biome.js';
import { detectLinter, type LinterName } from './lint/detect-linter.js';
import { runEslint } from './lint/eslint.js';
import { oxlint } from './lint/oxlint.js';
import { runSarifLinter } from './lint/sarif-linter.js';
import { DEFAULT_MAX_WARNINGS } from './lint/verdict.js';

/** Exported for the guard. */
export { DEFAULT_MAX_WARNINGS };

const options = z
  .strictObject({
    linter: z
      .enum(['eslint', 'biome', 'oxlint'])
      .optional()
      .describe('Which linter (default: the one whose config file the project has — eslint.config.*, then biome.json(c), then .oxlintrc.json). Several linters are several lint gates.'),
    patterns: z.array(z.string()).optional().describe('What the linter lints when the scope is the whole project (default: ESLint ["."], Biome and oxlint their own configuration).'),
    maxWarnings: z.number().int().min(-1).optional().describe('Fail when there are more warnings than this; -1 (default) never fails on warnings.'),
    args: z.array(z.string()).optional().describe('Extra arguments for Biome or oxlint (ESLint runs in-process and takes none).'),
  })
  .describe('The project\'s own ESLint (flat config, in-process), Biome (`biome lint`) or oxlint, with rule ids as codes.');

const TOOLS: Record<LinterName, { name: string; pkg: string }> = {
  eslint: { name: 'eslint', pkg: 'eslint' },
  biome: { name: 'biome', pkg: '@biomejs/biome' },
  oxlint: { name: 'oxlint', pkg: 'oxlint' },
};

export default defineGate({
  kind: 'lint',
  description: 'Lints with the project\'s own ESLint, Biome or oxlint; in a changed-files scope, only those files.',
  options,
  tool: (root) => {
    const tool = TOOLS[detectLinter(root)];
    return projectTool(tool.name, tool.pkg, root);
  },
  async run(opts, ctx) {
    const linter = opts.linter ?? detectLinter(ctx.root);
    const common = { maxWarnings: opts.maxWarnings ?? DEFAULT_MAX_WARNINGS, args: opts.args ?? [], ...(opts.patterns ? { patterns: opts.patterns } : {}) };
    if (linter === 'biome') return runSarifLinter(biome, common, ctx);
    if (linter === 'oxlint') return runSarifLinter(oxlint, common, ctx);
    return runEslint(common, ctx);
  },
});
