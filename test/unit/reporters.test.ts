import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import type { GateResult } from '../../src/core/result.js';
import { escapeData, escapeProperty, githubReporter, toGithubAnnotations, toGithubSummary } from '../../src/report/github.js';
import { toJunit } from '../../src/report/junit.js';
import { toMarkdown } from '../../src/report/markdown.js';
import { fileOutput } from '../../src/report/output.js';
import { toSarif } from '../../src/report/sarif.js';
import { sarifValidator } from '../helpers/sarif-schema.js';
import { SAMPLE_RESULTS, sampleReport } from '../helpers/sample-results.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'gatekeeper-reporters-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function manyErrors(count: number): GateResult {
  const diagnostics = Array.from({ length: count }, (_, i) => ({ file: `src/f${String(count - i).padStart(2, '0')}.ts`, line: 1, code: 'TS1', severity: 'error' as const, message: `error ${i}` }));
  return { id: 'types', kind: 'typecheck', status: 'failed', diagnostics, summary: `${count} type errors`, output: '', durationMs: 1, cached: false };
}

describe('github reporter', () => {
  it('writes one escaped workflow command per diagnostic, by gate then file', () => {
    const { log, errors, warnings } = toGithubAnnotations(SAMPLE_RESULTS, 'TOKEN');
    const lines = log.split('\n');
    expect(lines.slice(0, 6)).toEqual([
      '::error file=src/a%2Cb%3Ac d.ts,line=2,col=9,title=types TS2322::Type 100%25 wrong%0D%0Asecond line',
      "::error file=src/b.ts,line=7,col=3,title=types TS2345::Argument of type 'Promise<string>' is not assignable.%0AType \"a\" & 'b' differ.",
      "::warning file=src/a.ts,line=4,col=1,endLine=4,endColumn=10,title=lint prefer-const::'x' is never reassigned.",
      '::error title=build::errored: `npm run build` timed out after 5 s; its process group was killed',
      '::error file=test/math.test.ts,line=6,col=23,title=tests add > adds <two> & "more"::expected 4 to be 5 // Object.is equality',
      '::error file=test/math.test.ts,line=12,title=tests add > subtracts%3A negative%2C zero::expected -1 to be 1',
    ]);
    expect(errors).toBe(5);
    expect(warnings).toBe(1);
    expect(log).not.toContain('complexity');
  });

  it('folds each blocking gate\'s raw output in a group where commands are switched off', () => {
    const { log } = toGithubAnnotations(SAMPLE_RESULTS, 'TOKEN');
    const lines = log.split('\n');
    const start = lines.indexOf('::group::types (typecheck) output');
    expect(lines.slice(start, start + 6)).toEqual([
      '::group::types (typecheck) output',
      '::stop-commands::TOKEN',
      'src/a,b:c d.ts(2,9): error TS2322: Type 100% wrong',
      '::error::injected',
      '::TOKEN::',
      '::endgroup::',
    ]);
    expect(lines.filter((l) => l.startsWith('::group::'))).toEqual(['::group::types (typecheck) output', '::group::build (build) output', '::group::tests (test) output']);
  });

  it('escapes data and properties so GitHub decodes them back to the original', () => {
    const decode = (s: string): string => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '%', ':', ',', '\r', '\n', '2', '5', 'A', 'D') }), (text) => {
        const property = escapeProperty(text);
        expect(property).not.toMatch(/[\r\n:,]/);
        expect(decode(property)).toBe(text);
        expect(escapeData(text)).not.toMatch(/[\r\n]/);
      }),
    );
  });

  it('says in the step summary how many error annotations GitHub will not show', () => {
    const results = [manyErrors(13)];
    const annotations = toGithubAnnotations(results, 'T');
    const files = annotations.log.split('\n').filter((l) => l.startsWith('::error')).map((l) => /file=([^,]+)/.exec(l)?.[1]);
    expect(files.slice(0, 3)).toEqual(['src/f01.ts', 'src/f02.ts', 'src/f03.ts']);
    const summary = toGithubSummary(sampleReport(results), annotations);
    expect(summary).toContain('GitHub shows the first 10 of 13 error annotations; 3 more are in the job log.');
    expect(toGithubSummary(sampleReport(), toGithubAnnotations(SAMPLE_RESULTS, 'T'))).not.toContain('GitHub shows the first');
  });

  it('appends the Markdown summary to $GITHUB_STEP_SUMMARY and keeps what was there', () => {
    const summaryFile = path.join(scratch, 'step-summary.md');
    writeFileSync(summaryFile, '# earlier step\n');
    const written: string[] = [];
    githubReporter({ name: 'memory', write: (t) => written.push(t) }, { GITHUB_STEP_SUMMARY: summaryFile }).finish(sampleReport());
    const summary = readFileSync(summaryFile, 'utf8');
    expect(summary.startsWith('# earlier step\n## Gatekeeper: ❌ gates did not pass')).toBe(true);
    expect(summary).toContain('| types | ❌ failed | 1.2s | 2 |');
    expect(written.join('')).toMatch(/^::error file=src\/a%2Cb%3Ac d\.ts/);
    // Outside GitHub (no summary file) it only writes the commands.
    expect(() => githubReporter({ name: 'memory', write: () => undefined }, {}).finish(sampleReport())).not.toThrow();
  });
});

describe('sarif reporter', () => {
  const validate = sarifValidator();

  it('is valid SARIF 2.1.0 by the official schema, one run per gate that ran', () => {
    const log = toSarif(SAMPLE_RESULTS);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs.map((r) => [r.tool.driver.name, r.tool.driver.version])).toEqual([
      ['tsc', '6.0.3'],
      ['eslint', '10.15.0'],
      ['gatekeeper-build', undefined],
      ['vitest', '4.1.12'],
    ]);
    // The validator is not a rubber stamp: a run without a driver name fails it.
    const broken = JSON.parse(JSON.stringify(log)) as { runs: { tool: { driver: { name?: string } } }[] };
    delete broken.runs[0]?.tool.driver.name;
    expect(validate(broken)).toBe(false);
  });

  it('has rules for the codes seen and locations relative to the repository root', () => {
    const [types, lint, build] = toSarif(SAMPLE_RESULTS).runs;
    expect(types?.tool.driver.rules?.map((r) => r.id)).toEqual(['TS2345', 'TS2322']);
    const located = types?.results?.find((r) => r.ruleId === 'TS2322');
    expect(located?.ruleIndex).toBe(1);
    expect(located?.level).toBe('error');
    expect(located?.message.text).toBe('Type 100% wrong\r\nsecond line');
    expect(located?.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe('src/a%2Cb%3Ac%20d.ts');
    expect(located?.locations?.[0]?.physicalLocation?.region).toEqual({ startLine: 2, startColumn: 9 });
    expect(lint?.results?.[0]?.level).toBe('warning');
    expect(lint?.results?.[0]?.locations?.[0]?.physicalLocation?.region).toEqual({ startLine: 4, startColumn: 1, endLine: 4, endColumn: 10 });
    expect(build?.invocations?.[0]?.executionSuccessful).toBe(false);
    expect(build?.results?.map((r) => [r.ruleId, r.message.text])).toEqual([['gatekeeper/errored', 'build errored: `npm run build` timed out after 5 s; its process group was killed']]);
  });
});

describe('junit reporter', () => {
  const xml = toJunit(sampleReport());
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) });
  interface Case { name: string; classname: string; file?: string; failure?: { message: string; type: string; '#text': string }; error?: { message: string }; skipped?: { message: string } }
  interface Suite { name: string; tests: string; failures: string; errors: string; skipped: string; testcase: Case[]; 'system-out'?: string }
  const parsed = parser.parse(xml) as { testsuites: { tests: string; failures: string; errors: string; skipped: string; testsuite: Suite[] } };
  const suite = (name: string): Suite => parsed.testsuites.testsuite.find((s) => s.name === name) ?? expect.fail(`no suite ${name}`);

  it('is well-formed XML with one testsuite per gate and the right totals', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(parsed.testsuites.testsuite.map((s) => s.name)).toEqual(['types', 'lint', 'build', 'tests', 'complexity']);
    expect([parsed.testsuites.tests, parsed.testsuites.failures, parsed.testsuites.errors, parsed.testsuites.skipped]).toEqual(['6', '3', '1', '1']);
  });

  it('lists a failed gate\'s diagnostics in its failure, and each failing test as its own case', () => {
    const types = suite('types').testcase[0];
    expect(types?.failure?.message).toBe('2 type errors in 2 files');
    expect(types?.failure?.['#text']).toContain("src/b.ts:7:3 TS2345 Argument of type 'Promise<string>' is not assignable.");
    const tests = suite('tests');
    expect(tests.failures).toBe('2');
    expect(tests.testcase.map((c) => [c.classname, c.name])).toEqual([
      ['test/math.test.ts', 'add > adds <two> & "more"'],
      ['test/math.test.ts', 'add > subtracts: negative, zero'],
    ]);
    expect(tests.testcase[0]?.file).toBe('test/math.test.ts');
    expect(suite('build').testcase[0]?.error?.message).toContain('timed out');
    expect(suite('complexity').testcase[0]?.skipped?.message).toBe('not run: types failed (fail-fast)');
    expect(suite('lint').testcase[0]?.failure).toBeUndefined();
  });

  it('drops the control characters XML cannot hold from raw output', () => {
    expect(suite('build')['system-out']).toBe('bundling src/math.ts\nbell & <done>');
    expect(xml).toContain('<system-out>bundling src/math.ts\nbell &amp; &lt;done&gt;\n</system-out>');
    expect(xml).not.toContain('\u001b');
    expect(xml).not.toContain('\u0007');
  });
});

describe('markdown reporter', () => {
  it('has the summary table and the first diagnostics of each gate that did not pass', () => {
    const md = toMarkdown(sampleReport());
    const lines = md.split('\n');
    expect(lines.slice(0, 12)).toEqual([
      '## Gatekeeper: ❌ gates did not pass',
      '',
      'Scope: files changed since origin/main · 7.3s',
      '',
      '| gate | status | time | count |',
      '| --- | --- | --- | --- |',
      '| types | ❌ failed | 1.2s | 2 |',
      '| lint | ✅ passed | 80ms (cached) | 1 |',
      '| build | ⛔ errored | 5.0s | 0 |',
      '| tests | ❌ failed | 900ms | 2 |',
      '| complexity | ⏭️ skipped | 0ms | 0 |',
      '',
    ]);
    expect(lines).toContain('### ❌ failed: types (typecheck) — 2 type errors in 2 files');
    expect(lines).toContain("- **src/b.ts:7:3** TS2345: Argument of type 'Promise\\<string\\>' is not assignable.");
    expect(lines).toContain('- **test/math.test.ts:6:23** add \\> adds \\<two\\> \\& "more": expected 4 to be 5 // Object.is equality');
    // A gate with no diagnostics shows its output's tail, cleaned of colour codes, in a fence.
    const build = lines.indexOf('### ⛔ errored: build (build) — \\`npm run build\\` timed out after 5 s; its process group was killed');
    expect(lines.slice(build + 2, build + 6)).toEqual(['```', 'bundling src/math.ts', 'bell & <done>', '```']);
    expect(md).not.toContain('lint (lint)');
  });

  it('shows five diagnostics per gate and counts the rest', () => {
    const md = toMarkdown(sampleReport([manyErrors(8)]));
    expect(md.split('\n').filter((l) => l.startsWith('- **src/'))).toHaveLength(5);
    expect(md).toContain('- … and 3 more');
  });
});

describe('file outputs', () => {
  it('are written whole through a temporary file that does not stay behind', () => {
    const target = path.join(scratch, 'nested', 'dir', 'report.xml');
    fileOutput(target).write('<a/>');
    fileOutput(target).write('<b/>');
    expect(readFileSync(target, 'utf8')).toBe('<b/>');
    expect(readdirSync(path.dirname(target))).toEqual(['report.xml']);
  });
});
