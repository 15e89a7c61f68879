import { withoutColour } from '../../src/core/ansi.js';
import type { Diagnostic } from '../../src/core/result.js';

interface AssertionResult {
  fullName?: string;
  title?: string;
  status?: string;
  failureMessages?: string[];
  location?: { line?: number; column?: number } | null;
}
interface FileResult {
  name?: string;
  status?: string;
  message?: string;
  assertionResults?: AssertionResult[];
}
export interface VitestReport {
  numTotalTests?: number;
  numPassedTests?: number;
  numFailedTests?: number;
  numPendingTests?: number;
  numTodoTests?: number;
  testResults?: FileResult[];
}

export interface VitestParse {
  diagnostics: Diagnostic[];
  passed: number;
  failed: number;
  skipped: number;
  /** Test files that failed before any test ran (an import error, a syntax error). */
  brokenFiles: number;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The assertion's own line: the first stack frame inside the test file. */
function frameInFile(message: string, file: string): { line: number; column: number } | undefined {
  const match = new RegExp(`${escapeRegExp(file)}:(\\d+):(\\d+)`).exec(message);
  return match ? { line: Number(match[1]), column: Number(match[2]) } : undefined;
}

/** The message without its stack: what the assertion said. */
function assertionText(message: string): string {
  const lines = message.split('\n');
  const firstFrame = lines.findIndex((l) => /^\s+at /.test(l));
  const kept = (firstFrame === -1 ? lines : lines.slice(0, firstFrame)).map((l) => l.trimEnd()).filter((l) => l !== '');
  return kept.slice(0, 12).join('\n') || 'test failed';
}

const FRAME = /^\s+at (?:.*? \()?(?:file:\/\/)?([^()\s]+):(\d+):(\d+)\)?\s*$/;

/**
 * The first stack frame in the project's own code (not Vitest's, a dependency's or Node's):
 * where a thrown error came from, which is not always the test file's assertion line.
 */
export function firstProjectFrame(message: string): { file: string; line: number; column: number } | undefined {
  for (const line of message.split('\n')) {
    const m = FRAME.exec(line);
    if (!m) continue;
    const file = m[1] ?? '';
    if (file.includes('/node_modules/') || file.startsWith('node:') || !file.startsWith('/')) continue;
    return { file, line: Number(m[2]), column: Number(m[3]) };
  }
  return undefined;
}

function failedTest(a: AssertionResult, file: string): Diagnostic {
  const message = withoutColour((a.failureMessages ?? []).join('\n'));
  const declared = a.location ? { line: a.location.line ?? 1, column: a.location.column ?? 1 } : undefined;
  const at = frameInFile(message, file) ?? declared;
  const frame = firstProjectFrame(message);
  const elsewhere = frame && (frame.file !== file || frame.line !== at?.line) ? `\nat ${frame.file}:${frame.line}:${frame.column}` : '';
  return { file, line: at?.line, column: at?.column, code: a.fullName ?? a.title ?? 'test', message: `${assertionText(message)}${elsewhere}`, severity: 'error' };
}

/** A file that failed before any test ran (an import error, a syntax error). */
function brokenFile(fileResult: FileResult, file: string): Diagnostic | undefined {
  if (fileResult.status !== 'failed' || typeof fileResult.message !== 'string' || fileResult.message === '') return undefined;
  const message = withoutColour(fileResult.message);
  const at = frameInFile(message, file);
  return { file, line: at?.line, column: at?.column, code: 'test-file-error', message: assertionText(message), severity: 'error' };
}

/**
 * Reads Vitest's JSON reporter, and Jest's `--json` (whose shape Vitest's copies). Throws on a
 * shape it does not know, so that the gate reports `errored` with the raw output rather than
 * guessing a verdict.
 */
export function parseVitestJson(text: string, tool = 'Vitest'): VitestParse {
  const report = JSON.parse(text) as VitestReport;
  if (typeof report !== 'object' || report === null || !Array.isArray(report.testResults)) {
    throw new Error(`not a ${tool} JSON report (no testResults array)`);
  }
  const parsed: VitestParse = { diagnostics: [], passed: 0, failed: 0, skipped: 0, brokenFiles: 0 };
  for (const fileResult of report.testResults) {
    const file = String(fileResult.name ?? '');
    const assertions = Array.isArray(fileResult.assertionResults) ? fileResult.assertionResults : [];
    for (const a of assertions) {
      if (a.status === 'passed') parsed.passed++;
      else if (a.status === 'failed') {
        parsed.failed++;
        parsed.diagnostics.push(failedTest(a, file));
      } else parsed.skipped++;
    }
    // Jest also sets the file's message when a test in it failed; only a file with no failed
    // test failed to load.
    const broken = assertions.some((a) => a.status === 'failed') ? undefined : brokenFile(fileResult, file);
    if (broken) {
      parsed.brokenFiles++;
      parsed.diagnostics.push(broken);
    }
  }
  return parsed;
}
