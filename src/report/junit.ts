import { stripVTControlCharacters } from 'node:util';
import { blocks, type Diagnostic, type GateResult } from '../core/result.js';
import { formatDiagnostic, formatLocation } from '../format/diagnostic-text.js';
import type { Output } from './output.js';
import type { Reporter, RunReport } from './reporter.js';

function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || cp >= 0x10000;
}

/**
 * Text XML 1.0 can hold: the five entities escaped, and the characters it forbids outright
 * (control characters such as the ESC of colour codes, lone surrogates) dropped.
 */
export function escapeXml(text: string): string {
  return Array.from(stripVTControlCharacters(text))
    .filter((ch) => isXmlChar(ch.codePointAt(0) ?? 0))
    .join('')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

interface TestCase {
  name: string;
  classname: string;
  /** The test's file; GitLab links the case to it. */
  file?: string;
  timeMs: number;
  /** failure / error / skipped, with its message and body. */
  outcome?: { element: 'failure' | 'error' | 'skipped'; message: string; type: string; body: string };
}

function verdictElement(gate: GateResult): 'failure' | 'error' | 'skipped' | undefined {
  if (gate.status === 'failed') return 'failure';
  if (gate.status === 'errored') return 'error';
  return gate.status === 'skipped' ? 'skipped' : undefined;
}

/** The test gate: one case per failing test, named by the test and classed by its file. */
function failingTestCases(gate: GateResult): TestCase[] {
  return gate.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d: Diagnostic) => ({
      name: d.code ?? d.message.split('\n')[0] ?? 'test',
      classname: d.file ?? gate.id,
      ...(d.file !== undefined ? { file: d.file } : {}),
      timeMs: 0,
      outcome: { element: 'failure' as const, message: d.message.split('\n')[0] ?? '', type: 'test', body: `${formatLocation(d)}\n${d.message}` },
    }));
}

function casesOf(gate: GateResult): TestCase[] {
  const element = verdictElement(gate);
  const classname = `gatekeeper.${gate.kind}`;
  if (gate.kind === 'test' && gate.status === 'failed') {
    const tests = failingTestCases(gate);
    if (tests.length > 0) return tests;
  }
  if (element === undefined) return [{ name: gate.id, classname, timeMs: gate.durationMs }];
  const body = element === 'skipped' ? '' : gate.diagnostics.map(formatDiagnostic).join('\n');
  return [{ name: gate.id, classname, timeMs: gate.durationMs, outcome: { element, message: gate.summary, type: gate.kind, body } }];
}

function caseXml(c: TestCase): string[] {
  const open = `    <testcase${attributes({ name: c.name, classname: c.classname, ...(c.file !== undefined ? { file: c.file } : {}), time: seconds(c.timeMs) })}`;
  if (!c.outcome) return [`${open}/>`];
  const { element, message, type, body } = c.outcome;
  const inner = body === '' ? `<${element}${attributes({ message })}/>` : `<${element}${attributes({ message, type })}>${escapeXml(body)}</${element}>`;
  return [`${open}>`, `      ${inner}`, '    </testcase>'];
}

function suiteXml(gate: GateResult): string[] {
  const cases = casesOf(gate);
  const count = (element: string): number => cases.filter((c) => c.outcome?.element === element).length;
  const head = `  <testsuite${attributes({ name: gate.id, tests: cases.length, failures: count('failure'), errors: count('error'), skipped: count('skipped'), time: seconds(gate.durationMs) })}>`;
  const out = blocks(gate.status) && gate.output.trim() !== '' ? [`    <system-out>${escapeXml(gate.output)}</system-out>`] : [];
  return [head, ...cases.flatMap(caseXml), ...out, '  </testsuite>'];
}

/** JUnit XML, the format GitLab, Jenkins and most CI dashboards read: one suite per gate. */
export function toJunit(report: Pick<RunReport, 'results' | 'durationMs'>): string {
  const suites = report.results.map(suiteXml);
  const all = report.results.flatMap(casesOf);
  const count = (element: string): number => all.filter((c) => c.outcome?.element === element).length;
  const root = `<testsuites${attributes({ name: 'gatekeeper', tests: all.length, failures: count('failure'), errors: count('error'), skipped: count('skipped'), time: seconds(report.durationMs) })}>`;
  return ['<?xml version="1.0" encoding="UTF-8"?>', root, ...suites.flat(), '</testsuites>', ''].join('\n');
}

export function junitReporter(output: Output): Reporter {
  return {
    finish(report) {
      output.write(toJunit(report));
    },
  };
}
