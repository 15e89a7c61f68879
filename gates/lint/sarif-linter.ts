import { erroredOutcome, type GateContext, type GateOutcome } from '../../src/core/gate.js';
import { runProcess } from '../../src/core/process.js';
import { resolveBin, toolOrMissing } from '../../src/core/resolve-tool.js';
import { toRepoPath } from '../../src/core/paths.js';
import { plural } from '../../src/core/result.js';
import { parseSarif } from '../../src/parsers/sarif.js';
import { describeAbnormalEnd } from '../abnormal-end.js';
import { diagnosticLines, lintVerdict } from './verdict.js';
import type { LinterOptions } from './linter-options.js';

/** A linter that runs as the project's own binary and prints SARIF 2.1.0 on stdout. */
export interface SarifLinter {
  /** The name reports show ("biome"). */
  name: string;
  pkg: string;
  bin: string;
  /** The arguments that make it lint `paths` (none: its own default) and print SARIF on stdout. */
  args(paths: readonly string[]): string[];
}

/**
 * Runs the linter through Node on its package's bin (never `.bin`, never a copy of ours) and
 * reads its SARIF: rule ids as codes, `warning`/`note` as warnings. Exit 0 with no SARIF, or a
 * non-zero exit with no error in the SARIF (a bad config, a crash), is `errored`, never a pass.
 */
export async function runSarifLinter(linter: SarifLinter, opts: LinterOptions, ctx: GateContext): Promise<GateOutcome> {
  const tool = toolOrMissing(() => resolveBin(linter.pkg, linter.bin, ctx.root));
  if ('status' in tool) return tool;
  const paths = ctx.scope.mode === 'all' ? (opts.patterns ?? []) : ctx.scope.files;
  if (ctx.scope.mode === 'changed' && paths.length === 0) {
    return { status: 'skipped', diagnostics: [], summary: 'no changed files to lint', output: '' };
  }
  const what = `${linter.name} ${tool.version}`;
  const run = await runProcess(process.execPath, [tool.entry, ...linter.args(paths), ...opts.args], { cwd: ctx.root, timeoutMs: ctx.timeoutMs, signal: ctx.signal });
  const abnormal = describeAbnormalEnd(run, what, ctx.timeoutMs);
  if (abnormal) return abnormal;
  if (run.stdoutTruncated) return erroredOutcome(`${what} printed more SARIF than Gatekeeper reads whole`, run.output);
  let parsed;
  try {
    parsed = parseSarif(run.stdout);
  } catch (error) {
    return erroredOutcome(`${what} exited with code ${run.exitCode} without a SARIF report Gatekeeper could read (${(error as Error).message})`, run.output);
  }
  const diagnostics = parsed.diagnostics.map((d) => (d.file === undefined ? d : { ...d, file: toRepoPath(ctx.repoRoot, d.file, ctx.root) }));
  const info = { name: linter.name, version: tool.version };
  if (run.exitCode !== 0 && !diagnostics.some((d) => d.severity === 'error')) {
    return { ...erroredOutcome(`${what} exited with code ${run.exitCode} but reported no error`, run.output, diagnostics), tool: info };
  }
  const checked = ctx.scope.mode === 'changed' ? plural(paths.length, 'changed file') : undefined;
  return lintVerdict(diagnostics, opts.maxWarnings, diagnosticLines(diagnostics), checked, info);
}
