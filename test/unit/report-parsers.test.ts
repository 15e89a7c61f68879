import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseEslintJson } from '../../src/parsers/eslint-json.js';
import { parseGnu } from '../../src/parsers/gnu.js';
import { parseJunit } from '../../src/parsers/junit.js';
import { parseSarif } from '../../src/parsers/sarif.js';
import { ReportFormatError } from '../../src/parsers/report-json.js';

/** Any input: a result or a ReportFormatError — never another exception. */
function neverCrashes(parse: (text: string) => unknown, texts: fc.Arbitrary<string>): void {
  fc.assert(
    fc.property(texts, (text) => {
      try {
        parse(text);
      } catch (error) {
        expect(error).toBeInstanceOf(ReportFormatError);
      }
    }),
    { numRuns: 1000 },
  );
}

describe('SARIF 2.1.0', () => {
  const log = {
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'semgrep', version: '1.2.3', rules: [{ id: 'no-eval', defaultConfiguration: { level: 'error' } }, { id: 'style' }] } },
        originalUriBaseIds: { SRCROOT: { uri: 'file:///repo/' } },
        artifacts: [{ location: { uri: 'lib/indexed%20file.ts' } }],
        results: [
          { ruleId: 'no-eval', ruleIndex: 0, message: { text: 'eval is evil' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'src/a.ts', uriBaseId: 'SRCROOT' }, region: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 9 } } }] },
          { ruleId: 'style', level: 'note', message: { text: 'consider' }, locations: [{ physicalLocation: { artifactLocation: { index: 0 }, region: { startLine: 1 } } }] },
          { ruleId: 'style', message: { text: 'defaults to warning' } },
          { ruleId: 'style', kind: 'pass', message: { text: 'a passing check is no finding' } },
          { ruleId: 'no-eval', message: { text: 'suppressed in source' }, suppressions: [{ kind: 'inSource' }] },
          { ruleId: 'no-eval', level: 'none', message: { text: 'informational' } },
        ],
      },
      { tool: { driver: { name: 'second' } }, results: [{ ruleId: 'x', level: 'error', message: { text: 'abs' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'file:///repo/b.ts' } } }] }] },
    ],
  };

  it('reads rule ids, levels (result, rule default, SARIF default), locations through base ids and artifacts', () => {
    const parsed = parseSarif(JSON.stringify(log));
    expect(parsed.tool).toEqual({ name: 'semgrep', version: '1.2.3' });
    expect(parsed.diagnostics).toEqual([
      { file: '/repo/src/a.ts', line: 3, column: 5, endLine: 3, endColumn: 9, code: 'no-eval', message: 'eval is evil', severity: 'error' },
      { file: 'lib/indexed file.ts', line: 1, column: undefined, endLine: undefined, endColumn: undefined, code: 'style', message: 'consider', severity: 'warning' },
      { file: undefined, line: undefined, column: undefined, endLine: undefined, endColumn: undefined, code: 'style', message: 'defaults to warning', severity: 'warning' },
      { file: '/repo/b.ts', line: undefined, column: undefined, endLine: undefined, endColumn: undefined, code: 'x', message: 'abs', severity: 'error' },
    ]);
  });

  it('reads a log with no results as no findings, and rejects what is not SARIF with a clear error', () => {
    expect(parseSarif('{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"t"}}}]}').diagnostics).toEqual([]);
    expect(() => parseSarif('')).toThrow(/not a SARIF log: not JSON/);
    expect(() => parseSarif('{"results":[]}')).toThrow(/no "runs" array/);
    expect(() => parseSarif('{"runs":[{"results":[1]}]}')).toThrow(/runs\[0\]\.results\[0\] is not an object/);
  });

  it('never crashes, whatever it is given', () => {
    const result = fc.record({ ruleId: fc.jsonValue(), ruleIndex: fc.jsonValue(), level: fc.jsonValue(), kind: fc.jsonValue(), message: fc.jsonValue(), locations: fc.jsonValue(), suppressions: fc.jsonValue() }, { requiredKeys: [] });
    const run = fc.record({ tool: fc.jsonValue(), results: fc.oneof(fc.array(fc.oneof(result, fc.jsonValue())), fc.jsonValue()), artifacts: fc.jsonValue(), originalUriBaseIds: fc.jsonValue() }, { requiredKeys: [] });
    neverCrashes(parseSarif, fc.oneof(fc.string(), fc.json(), fc.array(run).map((runs) => JSON.stringify({ runs }))));
  });
});

describe('JUnit XML', () => {
  it('reads Node\'s test runner: cases at the top level (read first) and in suites, the failure\'s own frame as its location', () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<testsuites>
  <testsuite name="math" tests="3" failures="1" skipped="1">
    <testcase name="adds" time="0.001" classname="test"/>
    <testcase name="breaks" time="0.01" classname="test" failure="Expected values to be strictly equal:2 !== 3">
      <failure type="testCodeFailure" message="Expected values to be strictly equal:2 !== 3">
Error [ERR_TEST_FAILURE]: Expected values to be strictly equal:
  cause: AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:
      at TestContext.&lt;anonymous> (file:///p/test/math%20x.test.js:6:12)
      at Test.runInAsyncScope (node:async_hooks:206:9)
      </failure>
    </testcase>
    <testcase name="later" classname="test"><skipped type="skipped" message="true"/></testcase>
  </testsuite>
  <testcase name="top" classname="test"><failure>Error: boom
    at /p/node_modules/lib/x.js:1:1
    at Object.&lt;anonymous&gt; (/p/test/top.test.js:10:40)</failure></testcase>
  <!-- tests 4 -->
</testsuites>`;
    expect(parseJunit(xml)).toEqual({
      passed: 1,
      failed: 2,
      skipped: 1,
      diagnostics: [
        { file: '/p/test/top.test.js', line: 10, column: 40, code: 'top', message: 'Error: boom', severity: 'error' },
        { file: '/p/test/math x.test.js', line: 6, column: 12, code: 'breaks', message: 'Expected values to be strictly equal:2 !== 3', severity: 'error' },
      ],
    });
  });

  it('takes file and line attributes when the report has them (jest-junit, pytest), and a lone <testsuite> root', () => {
    const xml = '<testsuite name="s" file="tests/test_a.py"><testcase classname="tests.test_a" name="test_one" line="12"><error message="ZeroDivisionError">trace</error></testcase><testcase name="ok"/></testsuite>';
    expect(parseJunit(xml)).toEqual({
      passed: 1,
      failed: 1,
      skipped: 0,
      diagnostics: [{ file: 'tests/test_a.py', line: 12, column: undefined, code: 'tests.test_a › test_one', message: 'ZeroDivisionError', severity: 'error' }],
    });
  });

  it('rejects what is not JUnit XML with a clear error', () => {
    expect(() => parseJunit('')).toThrow(ReportFormatError);
    expect(() => parseJunit('<testsuites><testcase></testsuites>')).toThrow(/not a JUnit XML report: .*line/);
    expect(() => parseJunit('<results/>')).toThrow(/no <testsuites> or <testsuite>/);
  });

  it('never crashes, whatever it is given', () => {
    const attrs = fc.dictionary(fc.constantFrom('name', 'classname', 'file', 'line', 'message'), fc.string().map((s) => s.replace(/[<>&"]/g, '')), { maxKeys: 3 });
    const tag = (name: string, inner: fc.Arbitrary<string>) =>
      fc.tuple(attrs, inner).map(([a, body]) => `<${name}${Object.entries(a).map(([k, v]) => ` ${k}="${v}"`).join('')}>${body}</${name}>`);
    const failure = tag('failure', fc.string().map((s) => s.replace(/[<&]/g, ' ')));
    const testcase = tag('testcase', fc.oneof(fc.constant(''), failure, fc.constant('<skipped/>')));
    const suite = tag('testsuite', fc.array(testcase, { maxLength: 4 }).map((c) => c.join('')));
    const root = fc.oneof(suite, tag('testsuites', fc.array(fc.oneof(suite, testcase), { maxLength: 3 }).map((c) => c.join(''))));
    neverCrashes(parseJunit, fc.oneof(fc.string(), root, fc.string().map((s) => `<testsuites>${s}</testsuites>`)));
  });
});

describe('ESLint JSON', () => {
  it('reads files and messages with rule ids, severities and ranges', () => {
    const text = JSON.stringify([
      { filePath: '/p/src/a.ts', messages: [{ ruleId: 'no-debugger', severity: 2, message: 'no', line: 2, column: 1, endLine: 2, endColumn: 10 }, { ruleId: null, fatal: true, severity: 2, message: 'Parsing error', line: 5, column: 3 }] },
      { filePath: '/p/src/b.ts', messages: [{ ruleId: 'prefer-const', severity: 1, message: 'use const', line: 1, column: 5 }] },
      { filePath: '/p/src/c.ts', messages: [] },
    ]);
    expect(parseEslintJson(text)).toEqual([
      { file: '/p/src/a.ts', line: 2, column: 1, endLine: 2, endColumn: 10, code: 'no-debugger', message: 'no', severity: 'error' },
      { file: '/p/src/a.ts', line: 5, column: 3, endLine: undefined, endColumn: undefined, code: 'parse-error', message: 'Parsing error', severity: 'error' },
      { file: '/p/src/b.ts', line: 1, column: 5, endLine: undefined, endColumn: undefined, code: 'prefer-const', message: 'use const', severity: 'warning' },
    ]);
  });

  it('rejects what is not an ESLint JSON report, and never crashes', () => {
    expect(() => parseEslintJson('{"messages":[]}')).toThrow(/not an array of files/);
    expect(() => parseEslintJson('[{"filePath":"a"}]')).toThrow(/entry 0 has no "messages" array/);
    const message = fc.record({ ruleId: fc.jsonValue(), severity: fc.jsonValue(), message: fc.jsonValue(), line: fc.jsonValue() }, { requiredKeys: [] });
    neverCrashes(parseEslintJson, fc.oneof(fc.string(), fc.json(), fc.array(fc.record({ filePath: fc.jsonValue(), messages: fc.oneof(fc.array(fc.oneof(message, fc.jsonValue())), fc.jsonValue()) })).map((v) => JSON.stringify(v))));
  });
});

describe('GNU file:line:col lines', () => {
  it('reads locations, severities and trailing codes, and leaves other lines alone', () => {
    const text = [
      'src/a.c:12:5: warning: unused variable [-Wunused-variable]',
      'src/a.c:20:1: error: expected ;',
      'deploy.sh:3:8: note: Double quote to prevent globbing [SC2086]',
      'src/a.js:2:15: `debugger` statement is not allowed [Error/eslint(no-debugger)]',
      'docs/guide.md:7: broken link',
      'https://example.com:443: not a file',
      'Found 3 problems.',
    ].join('\n');
    expect(parseGnu(text)).toEqual([
      { file: 'src/a.c', line: 12, column: 5, code: '-Wunused-variable', message: 'unused variable', severity: 'warning' },
      { file: 'src/a.c', line: 20, column: 1, code: undefined, message: 'expected ;', severity: 'error' },
      { file: 'deploy.sh', line: 3, column: 8, code: 'SC2086', message: 'Double quote to prevent globbing', severity: 'warning' },
      { file: 'src/a.js', line: 2, column: 15, code: 'eslint(no-debugger)', message: '`debugger` statement is not allowed', severity: 'error' },
      { file: 'docs/guide.md', line: 7, column: undefined, code: undefined, message: 'broken link', severity: 'error' },
    ]);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => void parseGnu(text)), { numRuns: 1000 });
  });
});
