/** The one shape every gate returns; every reporter, the loop and the ledger are functions of it. */

export type Status = 'passed' | 'failed' | 'errored' | 'skipped';

export interface Diagnostic {
  /** Repo-relative, forward slashes. */
  file?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  code?: string;
  message: string;
  severity: 'error' | 'warning';
  /** Hold the line: whether the base commit had this diagnostic too (absent when no base was compared). */
  baseline?: 'new' | 'existing';
}

/** What comparing a gate with the base commit found (hold the line); absent when it was not compared. */
export interface BaselineInfo {
  /** The base commit compared with. */
  base: string;
  new: number;
  existing: number;
  /** Diagnostics the base had and this tree no longer has (fixed by the change). */
  absent: Diagnostic[];
  /** Why the base could not decide (it errored, it could not be checked out); the verdict then stands as is. */
  unknown?: string;
}

/** The program that produced a gate's verdict, when there is one (SARIF's driver). */
export interface ToolInfo {
  name: string;
  version?: string;
}

export interface GateResult {
  id: string;
  kind: string;
  status: Status;
  diagnostics: Diagnostic[];
  summary: string;
  /** Raw tool output, bounded in size. */
  output: string;
  durationMs: number;
  cached: boolean;
  tool?: ToolInfo;
  baseline?: BaselineInfo;
}

/** The base a run was compared with (hold the line), in one line for the reports; no base: every finding counted. */
export interface HoldTheLine {
  base?: string;
  why: string;
}

/** Only `passed` and `skipped` let a tree through; `errored` fails closed exactly like `failed`. */
export function blocks(status: Status): boolean {
  return status === 'failed' || status === 'errored';
}

export function allPassed(results: readonly GateResult[]): boolean {
  return results.length > 0 && results.every((r) => !blocks(r.status));
}

export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}

function countFiles(diagnostics: readonly Diagnostic[]): number {
  return new Set(diagnostics.map((d) => d.file).filter((f) => f !== undefined)).size;
}

/** "3 type errors in 2 files" */
export function describeCount(diagnostics: readonly Diagnostic[], noun: string): string {
  const files = countFiles(diagnostics);
  const base = plural(diagnostics.length, noun);
  return files > 0 ? `${base} in ${plural(files, 'file')}` : base;
}
