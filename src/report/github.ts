import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { blocks, type Diagnostic, type GateResult } from '../core/result.js';
import { toMarkdown } from './markdown.js';
import type { Output } from './output.js';
import type { Reporter, RunReport } from './reporter.js';

/** GitHub shows this many annotations of each severity per step, and drops the rest. */
export const GITHUB_ANNOTATION_LIMIT = 10;

/** GitHub's escaping of a workflow command's message. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** GitHub's escaping of a workflow command's property value: the message's, plus `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

interface Annotation {
  gate: GateResult;
  diagnostic: Diagnostic;
}

function compareByFileThenLine(a: Diagnostic, b: Diagnostic): number {
  const byFile = (a.file ?? '\uffff').localeCompare(b.file ?? '\uffff');
  return byFile !== 0 ? byFile : (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

/** Gate by gate in run order, file by file inside a gate: the first ten GitHub shows are the first gate's. */
function annotationsOf(results: readonly GateResult[]): Annotation[] {
  return results.flatMap((gate) => {
    if (gate.status === 'skipped') return [];
    const diagnostics = [...gate.diagnostics].sort(compareByFileThenLine);
    // A gate that blocks without a single diagnostic (a build that exits 1) still needs one line.
    if (blocks(gate.status) && !diagnostics.some((d) => d.severity === 'error')) diagnostics.unshift({ message: `${gate.status}: ${gate.summary}`, severity: 'error' });
    return diagnostics.map((diagnostic) => ({ gate, diagnostic }));
  });
}

function workflowCommand({ gate, diagnostic: d }: Annotation): string {
  const properties: [string, string | number | undefined][] = [
    ['file', d.file],
    ['line', d.file === undefined ? undefined : d.line],
    ['col', d.file === undefined || d.line === undefined ? undefined : d.column],
    ['endLine', d.file === undefined ? undefined : d.endLine],
    ['endColumn', d.file === undefined || d.line === undefined ? undefined : d.endColumn],
    ['title', [gate.id, d.code, d.baseline === 'existing' ? '(pre-existing, not blocking)' : undefined].filter((p) => p !== undefined && p !== '').join(' ')],
  ];
  const props = properties.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${escapeProperty(String(v))}`);
  // Hold the line: what the base had too is a notice, so that only new findings show as errors.
  return `::${d.baseline === 'existing' ? 'notice' : d.severity} ${props.join(',')}::${escapeData(d.message)}`;
}

export interface GithubAnnotations {
  /** The workflow commands: annotations, then each blocking gate's raw output in a folded group. */
  log: string;
  errors: number;
  warnings: number;
}

/**
 * The run as GitHub Actions workflow commands. Raw tool output is wrapped in `stop-commands`
 * with `token`, so a line of it that starts with `::` cannot act as a command.
 */
export function toGithubAnnotations(results: readonly GateResult[], token: string): GithubAnnotations {
  const annotations = annotationsOf(results);
  const lines = annotations.map(workflowCommand);
  for (const gate of results.filter((r) => blocks(r.status) && r.output.trim() !== '')) {
    lines.push(`::group::${escapeData(`${gate.id} (${gate.kind}) output`)}`, `::stop-commands::${token}`, gate.output.trimEnd(), `::${token}::`, '::endgroup::');
  }
  const count = (severity: Diagnostic['severity']): number => annotations.filter((a) => a.diagnostic.severity === severity && a.diagnostic.baseline !== 'existing').length;
  return { log: lines.length > 0 ? `${lines.join('\n')}\n` : '', errors: count('error'), warnings: count('warning') };
}

/** The step summary: the Markdown report, and how many annotations GitHub will not show. */
export function toGithubSummary(report: RunReport, annotations: Pick<GithubAnnotations, 'errors' | 'warnings'>): string {
  const hidden = (['errors', 'warnings'] as const)
    .filter((kind) => annotations[kind] > GITHUB_ANNOTATION_LIMIT)
    .map((kind) => `GitHub shows the first ${GITHUB_ANNOTATION_LIMIT} of ${annotations[kind]} ${kind === 'errors' ? 'error' : 'warning'} annotations; ${annotations[kind] - GITHUB_ANNOTATION_LIMIT} more are in the job log.`);
  return `${toMarkdown(report)}${hidden.map((line) => `\n> ${line}\n`).join('')}\n`;
}

export function githubReporter(output: Output, env: NodeJS.ProcessEnv = process.env): Reporter {
  return {
    finish(report) {
      const annotations = toGithubAnnotations(report.results, randomBytes(12).toString('hex'));
      output.write(annotations.log);
      const summaryFile = env['GITHUB_STEP_SUMMARY'];
      if (summaryFile) appendFileSync(summaryFile, toGithubSummary(report, annotations));
    },
  };
}
