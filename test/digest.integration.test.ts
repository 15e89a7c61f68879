import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeProject, TMP, type Project } from './helpers/project.js';
import { TSCONFIG, tsProjectFiles } from './helpers/ts-project.js';
import { namedPositions } from '../bench/digest-agent.mjs';

const projects: Project[] = [];
afterAll(() => projects.forEach((p) => p.cleanup()));

const FILES = 50;
const PER_FILE = 10;

/** `export const v3: number = 'x3';` ten times a file: 500 real TS2322 errors over 50 files. */
function brokenSource(): string {
  return Array.from({ length: PER_FILE }, (_, i) => `export const v${i + 1}: number = 'x${i + 1}';`).join('\n') + '\n';
}

/**
 * The scripted agent: reads only the digest (stdin) and the lines it names, and fixes exactly those
 * `file:line` positions — a string literal becomes a number. Its parser is the tests' own.
 */
const AGENT = `import { readFileSync, writeFileSync } from 'node:fs';
${namedPositions.toString()}
const digest = readFileSync(0, 'utf8');
writeFileSync('agent-log/digest-' + process.env.GATEKEEPER_ATTEMPT + '.md', digest);
const byFile = new Map();
for (const position of namedPositions(digest)) {
  const at = position.lastIndexOf(':');
  const file = position.slice(0, at);
  byFile.set(file, [...(byFile.get(file) ?? []), Number(position.slice(at + 1))]);
}
for (const [file, lines] of byFile) {
  let text;
  try { text = readFileSync(file, 'utf8').split('\\n'); } catch { continue; }
  for (const n of lines) if (text[n - 1] !== undefined) text[n - 1] = text[n - 1].replace(/'x(\\d+)'/, '$1');
  writeFileSync(file, text.join('\\n'));
}
`;

describe('gatekeeper loop with the real tsc and an agent that fixes what the digest names', () => {
  it('500 type errors in 50 files: green in at most 2 attempts at the default budget', async () => {
    const files: Record<string, string> = {
      '.gitignore': 'node_modules\n.gatekeeper/\nagent-log/\n',
      'package.json': JSON.stringify({ name: 'fixture', private: true, type: 'module' }),
      'tsconfig.json': TSCONFIG,
      '.gatekeeper.json': JSON.stringify({ gates: [{ id: 'types', kind: 'typecheck' }], loop: { guard: false } }),
      'agent-log/.keep': '',
      'agents/fix-named.mjs': AGENT,
    };
    for (let f = 0; f < FILES; f++) files[`src/many${String(f).padStart(2, '0')}.ts`] = brokenSource();
    const project = await makeProject('digest-500', files);
    projects.push(project);

    const result = await project.gatekeeper(['loop', '--agent', 'node agents/fix-named.mjs', '--json']);
    const loop = JSON.parse(result.stdout) as { outcome: string; attempts: { gates: { diagnostics: unknown[] }[] }[] };
    expect(loop.attempts[0]?.gates[0]?.diagnostics).toHaveLength(FILES * PER_FILE);
    expect(loop.outcome).toBe('passed');
    expect(loop.attempts.length).toBeLessThanOrEqual(2);

    const digest = readFileSync(path.join(project.dir, 'agent-log', 'digest-2.md'), 'utf8');
    expect(digest.length).toBeLessThanOrEqual(6000);
    for (let f = 0; f < FILES; f++) expect(digest).toContain(`  src/many${String(f).padStart(2, '0')}.ts — 10 × TS2322 (lines 1–10)\n`);
  });

  it('a mix of real tools under a tight budget: every failing gate named, the failing test with its expectation and place', async () => {
    const project = await makeProject('digest-mix', tsProjectFiles({ typeError: true, lintError: true, complexFunction: true, failingTest: true, failingBuild: true }));
    projects.push(project);
    const result = await project.gatekeeper(['loop', '--agent', 'true', '--feedback-budget', '1200', '--json']);
    const loop = JSON.parse(result.stdout) as { outcome: string; attempts: { checkpoint: string }[] };
    expect(loop.outcome).toBe('spiral');
    const runId = loop.attempts[0]?.checkpoint.replace(/-a01$/, '') ?? '';
    const digest = readFileSync(path.join(project.dir, '.gatekeeper', 'runs', runId, 'attempt-1', 'feedback.md'), 'utf8');
    writeFileSync(path.join(TMP, 'digest-mix.md'), digest);
    expect(digest.length).toBeLessThanOrEqual(1200);
    expect(digest).toMatch(/\ntypes \(typecheck, failed\): .*\n {2}src\/math\.ts — 1 × TS2322 \(line 2\)\n/);
    expect(digest).toMatch(/\nlint \(lint, failed\): .*\n {2}src\/math\.ts — 1 × no-debugger \(line 4\)\n/);
    expect(digest).toMatch(/\ncomplexity \(complexity, failed\): .*\n {2}src\/classify\.ts — /);
    expect(digest).toMatch(/\ntests \(test, failed\): .*\n {2}test\/math\.test\.ts — 1 × add adds two numbers \(line 6\)\n/);
    expect(digest).toMatch(/\nbuild \(build, failed\): /);
    expect(digest).toContain('test/math.test.ts:6:');
    expect(digest).toContain("expected '4' to be 5");
    expect(digest).toContain('build: cannot bundle src/math.ts');
  });
});
