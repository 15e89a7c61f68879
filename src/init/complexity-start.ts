import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { ALWAYS_EXCLUDED } from '../core/file-set.js';
import { DEFAULT_MAX_CYCLOMATIC, DEFAULT_MIN_MAINTAINABILITY } from '../../gates/complexity.js';

/** Test files are not what a complexity limit is about: they stay out, beside declaration files. */
export const COMPLEXITY_EXCLUDE = ['**/*.d.ts', '**/*.{test,spec,test-d,bench}.*', '**/__tests__/**', '**/test/**', '**/tests/**'];

/** Limits that today's code already meets, when the defaults would fail it. */
export interface ComplexityStart {
  maxCyclomatic?: number;
  minMaintainability?: number;
  /** One line per raised limit: where today's worst is. */
  why: string[];
}

/**
 * Measures the sources as the complexity gate will, so that init proposes limits the project
 * passes today: where a function is above the default, the limit starts at today's worst (and
 * the guard's `threshold-raised` keeps it from rising later). Files that cannot be parsed are
 * left for the gate to report.
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
    start.maxCyclomatic = worst.value;
    start.why.push(`maxCyclomatic starts at ${worst.value}, not ${DEFAULT_MAX_CYCLOMATIC}: today's most complex is ${worst.where}`);
  }
  if (lowest) {
    start.minMaintainability = lowest.value;
    start.why.push(`minMaintainability starts at ${lowest.value}, not ${DEFAULT_MIN_MAINTAINABILITY}: today's least maintainable module is ${lowest.where}`);
  }
  return start;
}
