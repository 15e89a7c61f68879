import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { defineGate, type GateContext } from '../src/core/gate.js';
import { filesInScope } from '../src/core/file-set.js';
import { toRepoPath } from '../src/core/paths.js';
import { describeCount, plural, type Diagnostic } from '../src/core/result.js';
import type { ModuleMetrics } from './parse/escomplex-analysis.js';
import { installedTool } from '../src/core/tool-info.js';
import { ContentMemo } from '../src/cache/content-memo.js';
import { toolIdentity } from '../src/cache/tool-identity.js';

const DEFAULT_INCLUDE = ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'];
/** Exported for the guard, which must know what an absent threshold means. */
export const DEFAULT_MAX_CYCLOMATIC = 10;
export const DEFAULT_MIN_MAINTAINABILITY = 40;

const DEFAULT_EXCLUDE = ['**/*.d.ts', '**/dist/**', '**/build/**', '**/coverage/**', '**/*.min.js'];

const options = z
  .strictObject({
    include: z.array(z.string()).optional().describe(`Globs of the files to measure (default ${JSON.stringify(DEFAULT_INCLUDE)}).`),
    exclude: z.array(z.string()).optional().describe(`Globs to leave out (default ${JSON.stringify(DEFAULT_EXCLUDE)}; node_modules always).`),
    maxCyclomatic: z.number().int().positive().optional().describe('Highest cyclomatic complexity allowed per function (default 10).'),
    minMaintainability: z.number().min(0).max(171).optional().describe('Lowest maintainability index allowed per module, on escomplex\'s 0-171 scale (default 40).'),
    maxParams: z.number().int().nonnegative().optional().describe('Most parameters allowed per function (default: no limit).'),
  })
  .describe('typhonjs-escomplex over the TypeScript/JavaScript files in scope.');

export type ComplexityOptions = z.infer<typeof options>;

function findingsFor(file: string, metrics: ModuleMetrics, opts: ComplexityOptions): Diagnostic[] {
  const maxCyclomatic = opts.maxCyclomatic ?? DEFAULT_MAX_CYCLOMATIC;
  const minMaintainability = opts.minMaintainability ?? DEFAULT_MIN_MAINTAINABILITY;
  const found: Diagnostic[] = [];
  for (const fn of metrics.functions) {
    if (fn.cyclomatic > maxCyclomatic) {
      found.push({ file, line: fn.line, code: 'cyclomatic', severity: 'error', message: `function ${fn.name} has cyclomatic complexity ${fn.cyclomatic} (max ${maxCyclomatic})` });
    }
    if (opts.maxParams !== undefined && fn.params > opts.maxParams) {
      found.push({ file, line: fn.line, code: 'max-params', severity: 'error', message: `function ${fn.name} has ${fn.params} parameters (max ${opts.maxParams})` });
    }
  }
  if (metrics.maintainability < minMaintainability) {
    found.push({ file, line: 1, code: 'maintainability', severity: 'error', message: `module maintainability index is ${metrics.maintainability.toFixed(1)} (min ${minMaintainability})` });
  }
  return found;
}

/**
 * Every file's findings. Metrics depend only on a file's content (and the analyser), so they are
 * kept in a memo in the gate's cache folder: unchanged files are not parsed again, and what
 * `prepare` measured ahead of the gate's turn is there when it runs. undefined when cancelled.
 */
async function measure(files: readonly string[], opts: ComplexityOptions, ctx: GateContext): Promise<{ diagnostics: Diagnostic[]; unreadable: Diagnostic[] } | undefined> {
  // Babel and escomplex take a tenth of a second to load: only runs that measure pay for it.
  const { analyzeSource, SourceParseError } = await import('./parse/escomplex-analysis.js');
  const diagnostics: Diagnostic[] = [];
  const unreadable: Diagnostic[] = [];
  const memo = await ContentMemo.open<ModuleMetrics>(path.join(ctx.cacheDir, 'escomplex-metrics.json'), toolIdentity('complexity', ctx.root).join(' '));
  for (const rel of files) {
    if (ctx.signal.aborted) return undefined;
    const file = toRepoPath(ctx.repoRoot, rel, ctx.root);
    try {
      const source = await readFile(path.join(ctx.root, rel), 'utf8');
      diagnostics.push(...findingsFor(file, memo.get(`${path.extname(rel)}\0${source}`, () => analyzeSource(source, rel)), opts));
    } catch (error) {
      const parseError = error instanceof SourceParseError ? error : undefined;
      const message = error instanceof Error ? error.message : String(error);
      unreadable.push({ file, line: parseError?.line, column: parseError?.column, code: 'unanalysable', severity: 'error', message: `could not analyse: ${message}` });
    }
  }
  await memo.save();
  return { diagnostics, unreadable };
}

export default defineGate({
  kind: 'complexity',
  description: 'Measures cyclomatic complexity, maintainability and parameter counts with typhonjs-escomplex.',
  options,
  tool: () => installedTool('escomplex', 'typhonjs-escomplex', import.meta.url),
  async prepare(opts, ctx) {
    const files = filesInScope(ctx.scope, opts.include ?? DEFAULT_INCLUDE, opts.exclude ?? DEFAULT_EXCLUDE);
    if (files.length > 0) await measure(files, opts, ctx);
  },
  async run(opts, ctx) {
    const files = filesInScope(ctx.scope, opts.include ?? DEFAULT_INCLUDE, opts.exclude ?? DEFAULT_EXCLUDE);
    if (files.length === 0) {
      const why = ctx.scope.mode === 'changed' ? 'no changed source files to measure' : 'no source files to measure';
      return { status: 'skipped', diagnostics: [], summary: why, output: '' };
    }
    const measured = await measure(files, opts, ctx);
    if (!measured) return { status: 'errored', diagnostics: [], summary: 'cancelled', output: '' };
    const { diagnostics, unreadable } = measured;
    const output = [...diagnostics, ...unreadable].map((d) => `${d.file}:${d.line ?? 0} ${d.code} ${d.message}`).join('\n');
    if (unreadable.length > 0) {
      // A file escomplex cannot read has an unknown complexity: that is not a pass.
      return { status: 'errored', diagnostics: [...diagnostics, ...unreadable], summary: `${plural(unreadable.length, 'file')} could not be analysed`, output };
    }
    if (diagnostics.length === 0) return { status: 'passed', diagnostics, summary: `${plural(files.length, 'file')} within limits`, output };
    return { status: 'failed', diagnostics, summary: describeCount(diagnostics, 'complexity finding'), output };
  },
});
