import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
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
