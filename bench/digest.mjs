// `npm run build && node bench/digest.mjs`: how far the feedback digest carries an agent that fixes
// exactly the `file:line` positions a digest names and reads nothing else. Counts attempts, not
// time: each scenario's failures are a set of positions, a fix removes every failure at a named
// position, and the loop's first attempt is the gate run before any agent call (bench/digest-agent.mjs,
// the same agent the digest tests count with). Not part of `npm test`.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { attemptsToGreen } from './digest-agent.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => import(pathToFileURL(path.join(REPO, 'dist', 'src', p)).href);
const { buildDigest } = await dist('loop/digest.js');
const { failuresOf, fingerprintOf } = await dist('loop/fingerprint.js');

const MISMATCH = "Type 'string' is not assignable to type 'number'.";
const error = (file, line, message, code) => ({ file, line, column: 3, code, message, severity: 'error' });
const gate = (id, kind, diagnostics) => ({ id, kind, status: diagnostics.length > 0 ? 'failed' : 'passed', diagnostics, summary: `${diagnostics.length} errors`, output: '', durationMs: 0, cached: false });

function typeErrors(files, perFile) {
  return Array.from({ length: files * perFile }, (_, i) => error(`src/many${String(Math.floor(i / perFile)).padStart(3, '0')}.ts`, (i % perFile) + 1, MISMATCH, 'TS2322'));
}

function lintErrors(files, perFile) {
  return Array.from({ length: files * perFile }, (_, i) =>
    error(`src/lint${String(Math.floor(i / perFile)).padStart(3, '0')}.ts`, (i % perFile) * 3 + 1, i % 2 ? 'Unexpected debugger statement.' : "'x' is assigned a value but never used.", i % 2 ? 'no-debugger' : 'no-unused-vars'),
  );
}

const TESTS = [
  error('test/sum.test.ts', 5, 'AssertionError: expected 3 to be 4\n- Expected\n+ Received\n- 4\n+ 3', 'sum > adds'),
  error('test/sum.test.ts', 9, 'AssertionError: expected -1 to be 1', 'sum > subtracts'),
];

const SCENARIOS = [
  { name: '500 type errors in 50 files', results: () => [gate('types', 'typecheck', typeErrors(50, 10))], goal: 2 },
  { name: '5,000 type errors in 500 files', results: () => [gate('types', 'typecheck', typeErrors(500, 10))], goal: 10 },
  { name: 'mix: 400 type + 100 lint errors in 50 files, 2 failing tests', results: () => [gate('types', 'typecheck', typeErrors(40, 10)), gate('lint', 'lint', lintErrors(10, 10)), gate('tests', 'test', TESTS)], goal: 2 },
  { name: 'mix: 4,000 type + 1,000 lint errors in 500 files, 2 failing tests', results: () => [gate('types', 'typecheck', typeErrors(400, 10)), gate('lint', 'lint', lintErrors(100, 10)), gate('tests', 'test', TESTS)], goal: 10 },
];

const SOURCE = Array.from({ length: 40 }, (_, i) => `export const v${i + 1}: number = 'x${i + 1}';`);

function digestOf(results, budget) {
  const current = failuresOf(results);
  return buildDigest({ results, attempt: 1, maxAttempts: 20, budget, logsPath: '.gatekeeper/runs/RUN/attempt-1/', fullListPath: '.gatekeeper/runs/RUN/attempt-1/failing-files.txt', readSource: () => SOURCE, current, fingerprint: fingerprintOf(current), history: [], fingerprints: [] });
}

function run(scenario, budget) {
  const results = scenario.results();
  const files = new Set(results.flatMap((r) => r.diagnostics.map((d) => d.file)));
  const first = digestOf(results, budget);
  const namedFiles = [...files].filter((f) => first.includes(`\n  ${f} — `)).length;
  const attempts = attemptsToGreen(results, (now) => digestOf(now, budget), 30);
  return { attempts, namedFiles, files: files.size, length: first.length };
}

const budgets = (process.argv.includes('--budgets') ? process.argv[process.argv.indexOf('--budgets') + 1] : '6000').split(',').map(Number);
console.log('| scenario | budget | first digest (chars) | files named in the first digest | attempts to green | goal |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const budget of budgets) {
  for (const s of SCENARIOS) {
    const r = run(s, budget);
    console.log(`| ${s.name} | ${budget} | ${r.length} | ${r.namedFiles} of ${r.files} | ${r.attempts} | ≤ ${s.goal} |`);
  }
}
