// `npm run bench`: the plain chain a husky script would run, lefthook running the same commands,
// and Gatekeeper in several states, measured in the same run on synthetic repositories; prints
// medians and ratios to the plain chain, and writes BENCHMARKS.md. Not part of `npm test`.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRepo, GIT_ENV, leafOf, moduleName, moduleSource, SHARED, sharedSource } from './generate.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORK = path.join(REPO, 'bench', '.work');
// A private copy of the build, so that rebuilding the checkout meanwhile cannot change what is measured.
const GK = path.join(WORK, 'gatekeeper');
const CLI = path.join(GK, 'dist', 'src', 'cli', 'main.js');
const BIN = path.join(REPO, 'node_modules', '.bin');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const SIZES = option('sizes', '100,1000').split(',').map(Number);
const REPS = Number(option('reps', '3'));
const CHAIN = 'tsc --noEmit && eslint . && vitest run && npm run build';

const GATES = [
  { id: 'types', kind: 'typecheck' },
  { id: 'lint', kind: 'lint' },
  { id: 'tests', kind: 'test', related: true },
  { id: 'build', kind: 'build' },
];
const LEFTHOOK = `pre-push:
  piped: true
  jobs:
    - name: types
      run: tsc --noEmit
    - name: lint
      run: eslint .
    - name: tests
      run: vitest run
    - name: build
      run: npm run build
`;

const env = { ...GIT_ENV, PATH: `${BIN}:${process.env.PATH}`, CI: '1', NO_COLOR: '1', LEFTHOOK_QUIET: 'meta,summary,execution_out' };

/** Runs a shell command, returns { ms, rssKb }; a non-zero exit stops the benchmark. */
function measure(command, cwd) {
  const rssFile = path.join(os.tmpdir(), `gatekeeper-bench-rss-${process.pid}`);
  const argv = TIME ? [TIME, '-f', '%M', '-o', rssFile, 'sh', '-c', command] : ['sh', '-c', command];
  const started = performance.now();
  const run = spawnSync(argv[0], argv.slice(1), { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (run.status !== 0) {
    throw new Error(`\`${command}\` in ${cwd} exited with ${run.status}:\n${(run.stdout ?? '').slice(-3000)}\n${(run.stderr ?? '').slice(-3000)}`);
  }
  const rssKb = TIME ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) : undefined;
  return { ms, rssKb };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function gatekeeper(args = '') {
  return `node ${CLI} run ${args}`;
}

/** Both places the cache can be: Vitest creates node_modules/ in the repository on its first run. */
function clearCache(dir) {
  rmSync(path.join(dir, 'node_modules', '.cache', 'gatekeeper'), { recursive: true, force: true });
  rmSync(path.join(dir, '.gatekeeper', 'cache'), { recursive: true, force: true });
}

/** One measured scenario: `prepare` runs untimed before each repetition. */
function scenario(samples, name, dir, command, prepare = () => {}) {
  prepare();
  const sample = measure(command, dir);
  (samples[name] ??= []).push(sample);
  process.stderr.write(`  ${name}: ${(sample.ms / 1000).toFixed(2)} s\n`);
}

function benchSize(n) {
  const dir = path.join(WORK, `repo-${n}`);
  process.stderr.write(`generating ${n} modules in ${dir}\n`);
  generateRepo(dir, n, {
    '.gatekeeper.json': JSON.stringify({ gates: GATES }, null, 2),
    '.gatekeeper.parallel.json': JSON.stringify({ parallel: true, gates: GATES }, null, 2),
    'lefthook.yml': LEFTHOOK,
  });
  const leaf = leafOf(n);
  const leafIndex = n - 1;
  const samples = {};
  // Warm the OS file cache and Vitest's own caches once, untimed, so that the first
  // repetition of the first scenario is not the only one that pays for them.
  measure(CHAIN, dir);
  for (let rep = 0; rep < REPS; rep++) {
    process.stderr.write(`${n} modules, repetition ${rep + 1}/${REPS}\n`);
    scenario(samples, 'chain', dir, CHAIN);
    scenario(samples, 'lefthook', dir, 'lefthook run pre-push');
    scenario(samples, 'cold', dir, gatekeeper(), () => clearCache(dir));
    scenario(samples, 'coldParallel', dir, gatekeeper('--config .gatekeeper.parallel.json'), () => clearCache(dir));
    scenario(samples, 'noChange', dir, gatekeeper(), () => measure(gatekeeper(), dir));
    scenario(samples, 'leaf', dir, gatekeeper(), () => writeFileSync(path.join(dir, leaf), moduleSource(leafIndex, rep + 1)));
    scenario(samples, 'leafSince', dir, gatekeeper('--since HEAD'), () => writeFileSync(path.join(dir, leaf), moduleSource(leafIndex, rep + 101)));
    scenario(samples, 'wide', dir, gatekeeper(), () => writeFileSync(path.join(dir, SHARED), sharedSource(rep + 1)));
    scenario(samples, 'wideSince', dir, gatekeeper('--since HEAD'), () => writeFileSync(path.join(dir, SHARED), sharedSource(rep + 101)));
    spawnSync('git', ['checkout', '-q', '--', '.'], { cwd: dir, env });
  }
  return { n, leaf: `${moduleName(leafIndex)}.ts`, samples };
}

function benchNoop() {
  const dir = mkdtempSync(path.join(WORK, 'noop-'));
  const gates = Array.from({ length: 5 }, (_, i) => ({ id: `noop${i + 1}`, kind: 'command', command: 'true' }));
  writeFileSync(path.join(dir, '.gatekeeper.json'), JSON.stringify({ gates }));
  writeFileSync(path.join(dir, '.gitignore'), '.gatekeeper/\n');
  spawnSync('git', ['init', '-q', '-b', 'main'], { cwd: dir, env });
  spawnSync('git', ['add', '-A'], { cwd: dir, env });
  spawnSync('git', ['commit', '-q', '-m', 'noop'], { cwd: dir, env });
  const samples = {};
  for (let rep = 0; rep < Math.max(REPS, 5) * 2; rep++) {
    scenario(samples, 'bareNode', dir, 'node -e 0');
    scenario(samples, 'noopNoCache', dir, gatekeeper('--no-cache'));
    scenario(samples, 'noopCached', dir, gatekeeper());
  }
  return samples;
}

const LABELS = {
  chain: '(1) plain chain `tsc --noEmit && eslint . && vitest run && npm run build`',
  lefthook: '(2) lefthook 2.2.1, same commands as a pre-push hook',
  cold: '(3) gatekeeper run, cold (empty cache)',
  noChange: '(4) gatekeeper run, no change since the last run',
  leaf: '(5) gatekeeper run, one leaf file changed',
  leafSince: '(5b) … one leaf file changed, `--since HEAD` (lint + related tests on the changed file)',
  wide: '(6) gatekeeper run, the widely imported file changed',
  wideSince: '(6b) … the widely imported file changed, `--since HEAD`',
  coldParallel: '(7) gatekeeper run, cold, `parallel: true`',
};

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const mb = (kb) => (kb === undefined || Number.isNaN(kb) ? 'n/a' : `${Math.round(kb / 1024)} MB`);

function sizeTable(result) {
  const base = median(result.samples.chain.map((s) => s.ms));
  const rows = Object.keys(LABELS).map((key) => {
    const runs = result.samples[key];
    const ms = median(runs.map((s) => s.ms));
    const rss = Math.max(...runs.map((s) => s.rssKb ?? NaN));
    return `| ${LABELS[key]} | ${seconds(ms)} | ${(ms / base).toFixed(3)} | ${mb(rss)} |`;
  });
  return [`### ${result.n} modules (${REPS} repetitions each; leaf file ${result.leaf})`, '', '| scenario | median | ratio to (1) | peak RSS |', '| --- | ---: | ---: | ---: |', ...rows].join('\n');
}

function noopTable(samples) {
  const bare = median(samples.bareNode.map((s) => s.ms));
  const row = (label, key) => {
    const ms = median(samples[key].map((s) => s.ms));
    return `| ${label} | ${ms.toFixed(0)} ms | ${(ms / bare).toFixed(2)}× | ${mb(Math.max(...samples[key].map((s) => s.rssKb ?? NaN)))} |`;
  };
  return [
    '### (8) five no-op `command` gates (`true`) against bare `node -e 0`',
    '',
    '| scenario | median | ratio to bare node | peak RSS |',
    '| --- | ---: | ---: | ---: |',
    row('`node -e 0`', 'bareNode'),
    row('gatekeeper run --no-cache (five gates run)', 'noopNoCache'),
    row('gatekeeper run (five cache hits)', 'noopCached'),
  ].join('\n');
}

function targets(result, noop) {
  if (!result) return 'The 1,000-module repository was not measured in this run, so the targets were not checked.';
  const m = (key) => median(result.samples[key].map((s) => s.ms));
  const base = m('chain');
  const check = (label, value, limit) => `| ${label} | ${value.toFixed(3)} | ≤ ${limit} | ${value <= limit ? 'met' : 'NOT met'} |`;
  return [
    '| target (1,000 modules) | measured | target | |',
    '| --- | ---: | ---: | --- |',
    check('no change / chain', m('noChange') / base, 0.05),
    check('one leaf file changed / chain (whole-project scope)', m('leaf') / base, 0.35),
    check('one leaf file changed / chain (`--since HEAD`)', m('leafSince') / base, 0.35),
    check('cold sequential / chain', m('cold') / base, 1.0),
    check('cold parallel / chain', m('coldParallel') / base, 0.7),
    check('no-op pipeline / bare node', median(noop.noopNoCache.map((s) => s.ms)) / median(noop.bareNode.map((s) => s.ms)), 2),
  ].join('\n');
}

function machine() {
  const cpus = os.cpus();
  const version = (pkg) => JSON.parse(readFileSync(path.join(REPO, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  return [
    `- CPU: ${cpus[0]?.model ?? 'unknown'}, ${cpus.length} logical cores (os.availableParallelism() = ${os.availableParallelism()})`,
    `- memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- OS: ${os.type()} ${os.release()} (${os.arch()})`,
    `- Node ${process.version}; TypeScript ${version('typescript')}, ESLint ${version('eslint')}, Vitest ${version('vitest')}, lefthook ${version('lefthook')}`,
    `- date: ${new Date().toISOString()}; the machine was shared with other jobs, so absolute times are noisy — compare ratios, which come from the same run`,
    `- peak RSS: ${TIME ? 'GNU time `%M` — the largest single process of the run (tsc, ESLint or a Vitest worker), not the sum' : 'not measured (/usr/bin/time missing)'}`,
  ].join('\n');
}

const NOTES = `- The repositories: N modules in a binary import tree, each also importing \`src/shared.ts\` (the widely imported file); the last module is imported by none (the leaf file); one Vitest file per twenty modules; ESLint with \`js.configs.recommended\` and typescript-eslint's \`recommended\`; \`npm run build\` is \`tsc -p tsconfig.build.json\`. Gatekeeper runs the same four tools as gates (typecheck, lint, test with \`related: true\`, build).
- (4) is the result cache: four hits, no tool started. What remains is Node starting Gatekeeper (loading zod, commander, listr2), three or four git calls and reading four cache entries.
- (5) and (6) in the whole-project scope re-run every gate whose inputs changed, which is all of them: the result cache cannot help when a file changed, only the tools' own incremental modes do (\`tsc --incremental\`, ESLint's content cache). Vitest and the build run in full. (5b)/(6b) add \`--since HEAD\`, as the pre-push hook does with the pushed range: ESLint looks at the changed file only and Vitest runs only the tests related to it (for the shared file, that is every test).
- (7) on a two-core machine: tsc, ESLint and Vitest each want a core, and Vitest alone already uses both; the build is exclusive and runs alone at the end.
- (8) is start-up cost: Node loading Gatekeeper's modules, and a shell per gate. It does not grow with the size of the repository.`;

if (!existsSync(path.join(REPO, 'dist', 'src', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm run bench does).');
rmSync(GK, { recursive: true, force: true });
cpSync(path.join(REPO, 'dist'), path.join(GK, 'dist'), { recursive: true });
cpSync(path.join(REPO, 'package.json'), path.join(GK, 'package.json'));
const results = SIZES.map(benchSize);
const noop = benchNoop();
const report = [
  '# Benchmarks',
  '',
  'Written by `npm run bench` (`node bench/run.mjs [--sizes 100,1000,5000] [--reps 3]`). Each figure is the median of its repetitions, measured in the same run as the plain chain it is divided by.',
  '',
  '## Machine',
  '',
  machine(),
  '',
  '## Results',
  '',
  ...results.flatMap((r) => [sizeTable(r), '']),
  noopTable(noop),
  '',
  '## Targets',
  '',
  targets(results.find((r) => r.n === 1000), noop),
  '',
  '## What the figures mean',
  '',
  NOTES,
  '',
].join('\n');
process.stdout.write(`${report}\n`);
writeFileSync(path.join(REPO, 'BENCHMARKS.md'), report);
