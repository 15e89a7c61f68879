import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { erroredOutcome, type GateContext, type GateOutcome } from '../../src/core/gate.js';
import { resolveModule, toolOrMissing } from '../../src/core/resolve-tool.js';
import { toRepoPath } from '../../src/core/paths.js';
import { plural, type Diagnostic } from '../../src/core/result.js';
import { withTimeout } from '../../src/core/with-timeout.js';
import { diagnosticLines, lintVerdict } from './verdict.js';
import type { LinterOptions } from './linter-options.js';

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

/** The project's own ESLint (flat config), in-process through its `ESLint` class, with its cache. */
export async function runEslint(opts: LinterOptions, ctx: GateContext): Promise<GateOutcome> {
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
  return lintVerdict(diagnostics, opts.maxWarnings, diagnosticLines(diagnostics), plural(results.length, 'file'), { name: 'eslint', version: eslint.version });
}
