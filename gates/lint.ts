import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { defineGate, erroredOutcome } from '../src/core/gate.js';
import { resolveModule, toolOrMissing } from '../src/core/resolve-tool.js';
import { toRepoPath } from '../src/core/paths.js';
import { describeCount, plural, type Diagnostic } from '../src/core/result.js';
import { withTimeout } from '../src/core/with-timeout.js';
import { projectTool } from '../src/core/tool-info.js';

/** -1: warnings never fail the gate. Exported for the guard. */
export const DEFAULT_MAX_WARNINGS = -1;

const options = z
  .strictObject({
    patterns: z.array(z.string()).optional().describe('What ESLint lints when the scope is the whole project (default ["."]).'),
    maxWarnings: z.number().int().min(-1).optional().describe('Fail when there are more warnings than this; -1 (default) never fails on warnings.'),
  })
  .describe('The project\'s own ESLint (flat config), in-process through its `ESLint` class.');

interface LintMessage {
  ruleId: string | null;
  severity: number;
  message: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  fatal?: boolean;
}
interface LintResult {
  filePath: string;
  messages: LintMessage[];
}
interface ESLintInstance {
  lintFiles(patterns: string[]): Promise<LintResult[]>;
}
type ESLintClass = new (options: Record<string, unknown>) => ESLintInstance;

function toDiagnostics(results: LintResult[], ctx: { repoRoot: string }): Diagnostic[] {
  return results.flatMap((result) =>
    result.messages.map((m) => ({
      file: toRepoPath(ctx.repoRoot, result.filePath),
      line: m.line,
      column: m.column,
      endLine: m.endLine,
      endColumn: m.endColumn,
      code: m.ruleId ?? (m.fatal ? 'parse-error' : undefined),
      message: m.message,
      severity: m.severity >= 2 ? ('error' as const) : ('warning' as const),
    })),
  );
}

export default defineGate({
  kind: 'lint',
  description: 'Lints with the project\'s own ESLint; in a changed-files scope, only those files.',
  options,
  tool: (root) => projectTool('eslint', 'eslint', root),
  async run(opts, ctx) {
    const eslint = toolOrMissing(() => resolveModule('eslint', ctx.root));
    if ('status' in eslint) return eslint;
    const patterns = ctx.scope.mode === 'all' ? (opts.patterns ?? ['.']) : ctx.scope.files;
    if (patterns.length === 0) {
      return { status: 'skipped', diagnostics: [], summary: 'no changed files to lint', output: '' };
    }
    let results: LintResult[];
    try {
      const mod = (await import(pathToFileURL(eslint.entry).href)) as { ESLint?: ESLintClass };
      if (!mod.ESLint) return erroredOutcome(`eslint ${eslint.version} has no ESLint class; Gatekeeper needs ESLint 9 or later`);
      const linter = new mod.ESLint({
        cwd: ctx.root,
        cache: true,
        cacheLocation: path.join(ctx.cacheDir, 'eslintcache'),
        cacheStrategy: 'content',
        errorOnUnmatchedPattern: false,
        warnIgnored: false,
        // Gatekeeper's own folder holds worktrees of other commits (snapshots, hold the line's base).
        ignorePatterns: ['.gatekeeper/'],
      });
      results = await withTimeout(linter.lintFiles(patterns), ctx.timeoutMs, ctx.signal);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return erroredOutcome(`eslint ${eslint.version} could not lint: ${message.split('\n')[0] ?? ''}`, message);
    }
    const diagnostics = toDiagnostics(results, ctx);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    const warnings = diagnostics.length - errors.length;
    const maxWarnings = opts.maxWarnings ?? DEFAULT_MAX_WARNINGS;
    const tooManyWarnings = maxWarnings >= 0 && warnings > maxWarnings;
    const output = diagnostics.map((d) => `${d.file}:${d.line ?? 0}:${d.column ?? 0} ${d.severity} ${d.code ?? ''} ${d.message}`).join('\n');
    const files = plural(results.length, 'file');
    if (errors.length === 0 && !tooManyWarnings) {
      const summary = warnings > 0 ? `${plural(warnings, 'warning')}, no errors in ${files}` : `${files} clean`;
      return { status: 'passed', diagnostics, summary, output };
    }
    const summary = errors.length > 0 ? describeCount(errors, 'lint error') : `${plural(warnings, 'warning')} (max ${maxWarnings})`;
    return { status: 'failed', diagnostics, summary: warnings > 0 && errors.length > 0 ? `${summary}, ${plural(warnings, 'warning')}` : summary, output };
  },
});
