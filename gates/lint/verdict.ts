import type { GateOutcome } from '../../src/core/gate.js';
import { describeCount, plural, type Diagnostic, type ToolInfo } from '../../src/core/result.js';

/** -1: warnings never fail the gate. */
export const DEFAULT_MAX_WARNINGS = -1;

/** One line per diagnostic, for the gate's output when the tool's own output is not kept. */
export function diagnosticLines(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => `${d.file ?? ''}:${d.line ?? 0}:${d.column ?? 0} ${d.severity} ${d.code ?? ''} ${d.message}`).join('\n');
}

/**
 * The verdict of any linter from its diagnostics: errors fail, warnings fail only beyond
 * `maxWarnings` (-1: never). `checked` describes what was linted ("12 files"), when known.
 */
export function lintVerdict(diagnostics: Diagnostic[], maxWarnings: number, output: string, checked?: string, tool?: ToolInfo): GateOutcome {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const warnings = diagnostics.length - errors.length;
  const tooManyWarnings = maxWarnings >= 0 && warnings > maxWarnings;
  const withTool = tool ? { tool } : {};
  if (errors.length === 0 && !tooManyWarnings) {
    const where = checked === undefined ? '' : ` in ${checked}`;
    const summary = warnings > 0 ? `${plural(warnings, 'warning')}, no errors${where}` : checked === undefined ? 'no lint errors' : `${checked} clean`;
    return { status: 'passed', diagnostics, summary, output, ...withTool };
  }
  const summary = errors.length > 0 ? describeCount(errors, 'lint error') : `${plural(warnings, 'warning')} (max ${maxWarnings})`;
  return { status: 'failed', diagnostics, summary: warnings > 0 && errors.length > 0 ? `${summary}, ${plural(warnings, 'warning')}` : summary, output, ...withTool };
}
