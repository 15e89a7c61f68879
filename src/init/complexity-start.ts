import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { ALWAYS_EXCLUDED } from '../core/file-set.js';
import { DEFAULT_MAX_CYCLOMATIC, DEFAULT_MIN_MAINTAINABILITY } from '../../gates/complexity.js';

/** Test files are not what a complexity limit is about: they stay out, beside declaration files. */
export const COMPLEXITY_EXCLUDE = ['**/*.d.ts', '**/*.{test,spec,test-d,bench}.*', '**/__tests__/**', '**/test/**', '**/tests/**'];

/** Where today's code is already past the default limits. */
export interface ComplexityStart {
  /** Today's most complex function, when it is above the default limit. */
  worstCyclomatic?: number;
  /** Today's least maintainable module, when it is below the default limit. */
  lowestMaintainability?: number;
  /** One line per limit today's code is past: where, and that hold the line keeps it from blocking. */
  why: string[];
}

/**
 * Measures the sources as the complexity gate will, so that init can say what is already past
 * the defaults. The limits stay at the defaults: init writes `holdTheLine: true`, so old findings
 * are reported as pre-existing and only new or worse ones block (raising the limit to today's
 * worst would let every new function up to it through). Files that cannot be parsed are left for
 * the gate to report.
 */
export async function complexityStart(root: string, include: string[], exclude: string[]): Promise<ComplexityStart> {
  const { analyzeSource } = await import('../../gates/parse/escomplex-analysis.js');
  const files = await glob(include, { cwd: root, ignore: [...ALWAYS_EXCLUDED, ...exclude] });
  let worst: { value: number; where: string } | undefined;
  let lowest: { value: number; where: string } | undefined;
  for (const file of files.sort()) {
    let metrics;
    try {
      metrics = analyzeSource(await readFile(path.join(root, file), 'utf8'), file);
    } catch {
      continue;
    }
    for (const fn of metrics.functions) {
      if (fn.cyclomatic > (worst?.value ?? DEFAULT_MAX_CYCLOMATIC)) worst = { value: fn.cyclomatic, where: `function ${fn.name} in ${file}:${fn.line}` };
    }
    if (metrics.maintainability < (lowest?.value ?? DEFAULT_MIN_MAINTAINABILITY)) lowest = { value: Math.floor(metrics.maintainability), where: file };
  }
  const start: ComplexityStart = { why: [] };
  if (worst) {
    start.worstCyclomatic = worst.value;
    start.why.push(`today's most complex is ${worst.where} (cyclomatic ${worst.value}, above the limit ${DEFAULT_MAX_CYCLOMATIC}): reported as pre-existing, not blocking, until it gets worse (holdTheLine)`);
  }
  if (lowest) {
    start.lowestMaintainability = lowest.value;
    start.why.push(`today's least maintainable module is ${lowest.where} (maintainability ${lowest.value}, below the limit ${DEFAULT_MIN_MAINTAINABILITY}): reported as pre-existing, not blocking, until it gets worse (holdTheLine)`);
  }
  return start;
}
