import { fileURLToPath } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Diagnostic } from '../core/result.js';
import { ReportFormatError, asRecord, positiveInt, textOf } from './report-json.js';

export interface JunitParse {
  /** One per failed or errored test case; `file` as the report or the failure's stack names it. */
  diagnostics: Diagnostic[];
  passed: number;
  failed: number;
  skipped: number;
}

type Node = Record<string, unknown>;

const LISTS = new Set(['testsuites', 'testsuite', 'testcase', 'failure', 'error', 'skipped']);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => LISTS.has(name),
});

function list(node: Node | undefined, key: string): unknown[] {
  const value = node?.[key];
  return Array.isArray(value) ? value : [];
}

function attr(node: Node | undefined, name: string): string | undefined {
  const value = node?.[`@${name}`];
  return typeof value === 'string' ? value : undefined;
}

/** A `<failure>`/`<error>`: its message attribute and its text (usually the stack). */
function failureParts(value: unknown): { message?: string; text: string } {
  if (typeof value === 'string') return { text: value };
  const node = asRecord(value);
  const text = node?.['#text'];
  return { message: textOf(attr(node, 'message')), text: typeof text === 'string' ? text : '' };
}

const FRAME = /(?:file:\/\/)?((?:\/|[A-Za-z]:[\\/])[^\s():'"]+|[\w@.-][\w@./\\-]*\.\w+):(\d+):(\d+)/g;

/** The first stack frame in the test's own code: not Node's internals, not node_modules; in `file` when it is known. */
function firstFrame(text: string, file: string | undefined): { file: string; line: number; column: number } | undefined {
  for (const match of text.matchAll(FRAME)) {
    const raw = match[1] ?? '';
    if (raw.includes('node_modules') || raw.startsWith('node:')) continue;
    const found = match[0].startsWith('file://') ? safeFileUrl(`file://${raw}`) : raw;
    if (found === undefined) continue;
    if (file !== undefined && !found.endsWith(file.replace(/^\.\//, ''))) continue;
    return { file: found, line: Number(match[2]), column: Number(match[3]) };
  }
  return undefined;
}

function safeFileUrl(url: string): string | undefined {
  try {
    return fileURLToPath(url);
  } catch {
    return undefined;
  }
}

/** What the failure says, without its stack: the message attribute, else the text up to the first frame. */
function failureMessage(parts: { message?: string; text: string }): string {
  if (parts.message !== undefined) return parts.message.trim().slice(0, 2000);
  const lines = parts.text.split('\n');
  const frame = lines.findIndex((l) => /^\s+at /.test(l));
  const kept = (frame === -1 ? lines : lines.slice(0, frame)).map((l) => l.trimEnd()).filter((l) => l !== '');
  return kept.slice(0, 12).join('\n') || 'test failed';
}

/** Where a failed test is: the case's own file and line, else the first stack frame in its file (in any file when none is named). */
function caseLocation(testcase: Node, suiteFile: string | undefined, text: string): Pick<Diagnostic, 'file' | 'line' | 'column'> {
  const declared = attr(testcase, 'file') ?? suiteFile;
  const frame = firstFrame(text, declared) ?? (declared === undefined ? firstFrame(text, undefined) : undefined);
  return {
    file: declared ?? frame?.file,
    line: positiveInt(attr(testcase, 'line')) ?? frame?.line,
    column: attr(testcase, 'line') === undefined ? frame?.column : undefined,
  };
}

/** The test's name is its identity across runs; a classname that is only a placeholder ("test") adds nothing. */
function caseCode(testcase: Node): string {
  const name = attr(testcase, 'name') ?? 'test';
  const classname = attr(testcase, 'classname');
  return classname !== undefined && classname !== '' && classname !== 'test' ? `${classname} › ${name}` : name;
}

function visitCase(testcase: Node, suiteFile: string | undefined, parse: JunitParse): void {
  const failures = [...list(testcase, 'failure'), ...list(testcase, 'error')];
  if (failures.length === 0) {
    if (list(testcase, 'skipped').length > 0) parse.skipped++;
    else parse.passed++;
    return;
  }
  parse.failed++;
  const parts = failureParts(failures[0]);
  parse.diagnostics.push({ ...caseLocation(testcase, suiteFile, parts.text), code: caseCode(testcase), message: failureMessage(parts), severity: 'error' });
}

function visitSuite(suite: Node, inheritedFile: string | undefined, parse: JunitParse, depth: number): void {
  if (depth > 100) throw new ReportFormatError('not a JUnit XML report Gatekeeper reads: test suites nested more than 100 deep');
  const file = attr(suite, 'file') ?? inheritedFile;
  for (const testcase of list(suite, 'testcase')) {
    const node = asRecord(testcase);
    if (node) visitCase(node, file, parse);
    else parse.passed++; // <testcase/> with no attributes and no children: an empty tag parses to ''
  }
  for (const child of list(suite, 'testsuite')) {
    const node = asRecord(child);
    if (node) visitSuite(node, file, parse, depth + 1);
  }
}

/**
 * A JUnit XML report (Node's test runner, jest-junit, Vitest, pytest, gotestsum, Playwright…):
 * counts and one diagnostic per failed test. Throws a ReportFormatError, never anything else,
 * when the text is not well-formed XML with a `<testsuites>` or `<testsuite>` root.
 */
export function parseJunit(text: string): JunitParse {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new ReportFormatError(`not a JUnit XML report: ${valid.err.msg} (line ${valid.err.line})`);
  let doc: Node;
  try {
    doc = parser.parse(text) as Node;
  } catch (error) {
    throw new ReportFormatError(`not a JUnit XML report: ${(error as Error).message}`);
  }
  const roots = [...list(doc, 'testsuites'), ...list(doc, 'testsuite').map((s) => ({ testsuite: [s] }))];
  if (roots.length === 0) throw new ReportFormatError('not a JUnit XML report: no <testsuites> or <testsuite> element at its root');
  const parse: JunitParse = { diagnostics: [], passed: 0, failed: 0, skipped: 0 };
  for (const root of roots) {
    const node = asRecord(root);
    if (node) visitSuite(node, undefined, parse, 0);
  }
  return parse;
}
