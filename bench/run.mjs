// `npm run bench`: the plain chain a husky script would run, lefthook running the same commands,
// and Gatekeeper in several states, measured in the same run on synthetic repositories; prints
// medians and ratios to the plain chain, and writes BENCHMARKS.md. Not part of `npm test`.
//
// It can run in parts: each size's figures (and the start-up figures) are kept in
// bench/.work/results/, and BENCHMARKS.md is written from every part found there. Ratios are
// always taken within one part, against the baseline measured in that same part.
//   node bench/run.mjs --sizes 100,1000 --reps 3          sizes and repetitions (default 100,1000 × 3)
//   node bench/run.mjs --sizes 100:3,1000:2,5000:1        repetitions per size
//   node bench/run.mjs --sizes 5000:1 --only chain,noChange,leaf,cold --no-startup
//   node bench/run.mjs --sizes 5000:1 --no-warmup --no-chain   Gatekeeper alone (times, no ratios)
//   node bench/run.mjs --sizes none                      only the start-up figures
//   node bench/run.mjs --report                           only rewrite BENCHMARKS.md from the kept parts
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRepo, GIT_ENV, leafOf, moduleName, moduleSource, SHARED, sharedSource } from './generate.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORK = path.join(REPO, 'bench', '.work');
// A private copy of the build, so that rebuilding the checkout meanwhile cannot change what is measured.
// One per process: parts of the benchmark may run side by side.
const GK = path.join(WORK, `gatekeeper-${process.pid}`);
// The published bin: the bundled build (scripts/bundle.mjs).
const CLI = path.join(GK, 'dist', 'bundle', 'cli', 'main.js');
const RESULTS = path.join(WORK, 'results');
const BIN = path.join(REPO, 'node_modules', '.bin');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const flag = (name) => process.argv.includes(`--${name}`);
const DEFAULT_REPS = Number(option('reps', '3'));
const SIZES = option('sizes', '100,1000')
  .split(',')
  .filter((s) => s !== '' && s !== 'none')
  .map((s) => {
    const [n, reps] = s.split(':');
    return { n: Number(n), reps: reps === undefined ? DEFAULT_REPS : Number(reps) };
  });
const ONLY = option('only', undefined)?.split(',');
const CHAIN = 'tsc --noEmit && eslint . && vitest run && npm run build';
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

const STARTUP_SCENARIOS = ['bareNode', 'version', 'noopNoCache', 'noopCached'];

/** One measured scenario: `prepare` runs untimed before each repetition. */
function scenario(samples, name, dir, command, prepare = () => {}) {
  if (name === 'chain' && flag('no-chain')) return;
  // --only picks among the size scenarios; the start-up part (--no-startup leaves it out) is always whole.
  if (ONLY && name !== 'chain' && !STARTUP_SCENARIOS.includes(name) && !ONLY.includes(name)) return;
  prepare();
  const sample = measure(command, dir);
  (samples[name] ??= []).push(sample);
  process.stderr.write(`  ${name}: ${(sample.ms / 1000).toFixed(2)} s\n`);
}

/** Gatekeeper's config is the one `gatekeeper init` writes for the repository, as a user gets it. */
function initConfig(dir) {
  measure(`node ${CLI} init`, dir);
  const config = JSON.parse(readFileSync(path.join(dir, '.gatekeeper.json'), 'utf8'));
  writeFileSync(path.join(dir, '.gatekeeper.parallel.json'), JSON.stringify({ ...config, parallel: true }, null, 2));
  spawnSync('git', ['add', '-A'], { cwd: dir, env });
  spawnSync('git', ['commit', '-q', '--no-verify', '-m', 'gatekeeper init'], { cwd: dir, env });
  return config.gates.map((g) => g.kind);
}

function benchSize({ n, reps: REPS }) {
  const dir = path.join(WORK, `repo-${n}`);
  process.stderr.write(`generating ${n} modules in ${dir}\n`);
  generateRepo(dir, n, { 'lefthook.yml': LEFTHOOK });
  const gates = initConfig(dir);
  const leaf = leafOf(n);
  const leafIndex = n - 1;
  const samples = {};
  // Warm the OS file cache and Vitest's own caches once, untimed, so that the first
  // repetition of the first scenario is not the only one that pays for them.
  if (!flag('no-warmup')) measure(CHAIN, dir);
  for (let rep = 0; rep < REPS; rep++) {
    process.stderr.write(`${n} modules, repetition ${rep + 1}/${REPS}\n`);
    scenario(samples, 'chain', dir, CHAIN);
    scenario(samples, 'lefthook', dir, 'lefthook run pre-push');
    scenario(samples, 'cold', dir, gatekeeper(), () => clearCache(dir));
    scenario(samples, 'coldParallel', dir, gatekeeper('--config .gatekeeper.parallel.json'), () => clearCache(dir));
    scenario(samples, 'noChange', dir, gatekeeper(), () => measure(gatekeeper(), dir));
    scenario(samples, 'leaf', dir, gatekeeper(), () => writeFileSync(path.join(dir, leaf), moduleSource(leafIndex, rep + 1)));
    // The run after it, as a push after a run or a loop: the build of (5) rewrote dist/.
    scenario(samples, 'afterLeaf', dir, gatekeeper());
    scenario(samples, 'leafSince', dir, gatekeeper('--since HEAD'), () => writeFileSync(path.join(dir, leaf), moduleSource(leafIndex, rep + 101)));
    scenario(samples, 'wide', dir, gatekeeper(), () => writeFileSync(path.join(dir, SHARED), sharedSource(rep + 1)));
    scenario(samples, 'wideSince', dir, gatekeeper('--since HEAD'), () => writeFileSync(path.join(dir, SHARED), sharedSource(rep + 101)));
    spawnSync('git', ['checkout', '-q', '--', '.'], { cwd: dir, env });
  }
  return { n, reps: REPS, leaf: `${moduleName(leafIndex)}.ts`, gates, date: new Date().toISOString(), samples };
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
  for (let rep = 0; rep < Math.max(DEFAULT_REPS, 5) * 2; rep++) {
    scenario(samples, 'bareNode', dir, 'node -e 0');
    scenario(samples, 'version', dir, `node ${CLI} --version`);
    scenario(samples, 'noopNoCache', dir, gatekeeper('--no-cache'));
    scenario(samples, 'noopCached', dir, gatekeeper());
  }
  return { date: new Date().toISOString(), samples };
}

const LABELS = {
  chain: '(1) plain chain `tsc --noEmit && eslint . && vitest run && npm run build`',
  lefthook: '(2) lefthook 2.2.1, same commands as a pre-push hook',
  cold: '(3) gatekeeper run, cold (empty cache)',
  noChange: '(4) gatekeeper run, no change since the last run',
  leaf: '(5) gatekeeper run, one leaf file changed',
  afterLeaf: '(5c) … the run right after (5), as a push after it (its build rewrote dist/)',
  leafSince: '(5b) … one leaf file changed, `--since HEAD`',
  wide: '(6) gatekeeper run, the widely imported file changed',
  wideSince: '(6b) … the widely imported file changed, `--since HEAD`',
  coldParallel: '(7) gatekeeper run, cold, `parallel: true`',
};

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const mb = (kb) => (kb === undefined || Number.isNaN(kb) ? 'n/a' : `${Math.round(kb / 1024)} MB`);
const medianOf = (samples, key) => (samples[key] ? median(samples[key].map((s) => s.ms)) : undefined);
const peakOf = (samples, key) => (samples[key] ? Math.max(...samples[key].map((s) => s.rssKb ?? NaN)) : undefined);

function sizeTable(result) {
  const base = medianOf(result.samples, 'chain');
  const rows = Object.keys(LABELS)
    .filter((key) => result.samples[key])
    .map((key) => {
      const ms = medianOf(result.samples, key);
      return `| ${LABELS[key]} | ${seconds(ms)} | ${base === undefined ? 'n/a' : (ms / base).toFixed(3)} | ${mb(peakOf(result.samples, key))} |`;
    });
  return [
    `### ${result.n} modules (${result.reps} repetition${result.reps === 1 ? '' : 's'} each; leaf file ${result.leaf}; measured ${result.date.slice(0, 16).replace('T', ' ')} UTC)`,
    '',
    `Gatekeeper's config: what \`gatekeeper init\` wrote for the repository (gates: ${result.gates.join(', ')}).`,
    '',
    '| scenario | median | ratio to (1) | peak RSS |',
    '| --- | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
}

/** How each figure grows with the repository: its ratio to the chain, and its time against the smallest size. */
function growthTable(results) {
  if (results.length < 2) return 'Only one size was measured, so there is no growth to show.';
  const [smallest] = results;
  const keys = Object.keys(LABELS).filter((key) => results.every((r) => r.samples[key]));
  const header = `| scenario | ${results.map((r) => `${r.n}: time (ratio to chain)`).join(' | ')} | time at ${results.at(-1).n} / at ${smallest.n} |`;
  const rows = keys.map((key) => {
    const cells = results.map((r) => `${seconds(medianOf(r.samples, key))} (${r.samples.chain ? (medianOf(r.samples, key) / medianOf(r.samples, 'chain')).toFixed(3) : 'n/a'})`);
    const growth = medianOf(results.at(-1).samples, key) / medianOf(smallest.samples, key);
    return `| ${LABELS[key]} | ${cells.join(' | ')} | ${growth.toFixed(2)}× |`;
  });
  const peaks = results.map((r) => mb(Math.max(...Object.keys(r.samples).filter((k) => k !== 'chain' && k !== 'lefthook').map((k) => peakOf(r.samples, k)))));
  return [header, `| --- | ${results.map(() => '---:').join(' | ')} | ---: |`, ...rows, `| peak RSS of any Gatekeeper run (largest single process) | ${peaks.join(' | ')} | |`].join('\n');
}

function startupTable(startup) {
  const { samples } = startup;
  const bare = medianOf(samples, 'bareNode');
  const row = (label, key) => {
    if (!samples[key]) return undefined;
    const ms = medianOf(samples, key);
    return `| ${label} | ${ms.toFixed(0)} ms | ${(ms / bare).toFixed(2)}× | ${mb(peakOf(samples, key))} |`;
  };
  return [
    `### (8) start-up: \`--version\`, and five no-op \`command\` gates (\`true\`), against bare \`node -e 0\` (measured ${startup.date.slice(0, 16).replace('T', ' ')} UTC)`,
    '',
    '| scenario | median | ratio to bare node | peak RSS |',
    '| --- | ---: | ---: | ---: |',
    row('`node -e 0`', 'bareNode'),
    row('`gatekeeper --version`', 'version'),
    row('gatekeeper run --no-cache (five gates run)', 'noopNoCache'),
    row('gatekeeper run (five cache hits)', 'noopCached'),
  ]
    .filter((line) => line !== undefined)
    .join('\n');
}

function targets(results, startup) {
  const rows = [];
  const check = (label, value, limit) => {
    if (value === undefined || Number.isNaN(value)) rows.push(`| ${label} | not measured | ≤ ${limit} | |`);
    else rows.push(`| ${label} | ${value.toFixed(3)} | ≤ ${limit} | ${value <= limit ? 'met' : 'NOT met'} |`);
  };
  const ratio = (r, key) => (r && r.samples[key] && r.samples.chain ? medianOf(r.samples, key) / medianOf(r.samples, 'chain') : undefined);
  const startupRatio = (key) => (startup?.samples[key] ? medianOf(startup.samples, key) / medianOf(startup.samples, 'bareNode') : undefined);
  const at1000 = results.find((r) => r.n === 1000);
  check('`gatekeeper --version` / `node -e 0`', startupRatio('version'), 1.5);
  check('five cache hits / `node -e 0`', startupRatio('noopCached'), 2);
  check('one leaf file changed / chain, 1,000 modules, the config `gatekeeper init` writes', ratio(at1000, 'leaf'), 0.35);
  check('no change / chain, 1,000 modules', ratio(at1000, 'noChange'), 0.05);
  check('cold, sequential / chain, 1,000 modules', ratio(at1000, 'cold'), 0.9);
  const at100 = results.find((r) => r.n === 100);
  const at5000 = results.find((r) => r.n === 5000);
  check('no change at 5,000 modules / no change at 100 modules', at100 && at5000 && at5000.samples.noChange && at100.samples.noChange ? medianOf(at5000.samples, 'noChange') / medianOf(at100.samples, 'noChange') : undefined, 2);
  return ['| target | measured | target | |', '| --- | ---: | ---: | --- |', ...rows].join('\n');
}

function machine() {
  const cpus = os.cpus();
  const version = (pkg) => JSON.parse(readFileSync(path.join(REPO, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  return [
    `- CPU: ${cpus[0]?.model ?? 'unknown'}, ${cpus.length} logical cores (os.availableParallelism() = ${os.availableParallelism()})`,
    `- memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- OS: ${os.type()} ${os.release()} (${os.arch()})`,
    `- Node ${process.version}; TypeScript ${version('typescript')}, ESLint ${version('eslint')}, Vitest ${version('vitest')}, lefthook ${version('lefthook')}`,
    `- the machine was shared with other jobs, so absolute times are noisy — compare ratios, which come from the same part of the run`,
    `- peak RSS: ${TIME ? 'GNU time `%M` — the largest single process of the run (tsc, ESLint or a Vitest worker), not the sum' : 'not measured (/usr/bin/time missing)'}`,
  ].join('\n');
}

const NOTES = `- The repositories: N modules in a binary import tree, each also importing \`src/shared.ts\` (the widely imported file); the last module is imported by no module (the leaf file) and by one test file; one Vitest file per twenty modules; ESLint with \`js.configs.recommended\` and typescript-eslint's \`recommended\`; \`npm run build\` is \`tsc -p tsconfig.build.json\`. Gatekeeper runs what \`gatekeeper init\` chose for the repository: typecheck, lint, complexity, build and test, in that order.
- (4) is the result cache: every gate a hit, no tool started. What remains is Node starting Gatekeeper, a few git calls (whose cost grows with the number of files) and reading the cache entries.
- (5) and (6): the result cache cannot help when a file changed; the tools' own incremental modes do (\`tsc --incremental\`, ESLint's content cache, complexity's per-file metrics), and the test gate runs only the tests that import the files changed since the whole suite last passed (\`vitest related\`; README, "Tests after a small change"). For the widely imported file that is every test. The build runs in full. (5b)/(6b) add \`--since HEAD\`, as the pre-push hook does with the pushed range: ESLint and complexity look at the changed file only.
- (7) on a two-core machine: tsc, ESLint and Vitest each want a core, and Vitest alone already uses both; the build is exclusive and runs alone at the end.
- (8) is start-up cost: Node loading Gatekeeper (the bundled build in \`dist/bundle/\`, which loads each command's code on demand), and a shell per gate. It does not grow with the size of the repository.`;

function readParts() {
  if (!existsSync(RESULTS)) return { results: [], startup: undefined };
  const parts = readdirSync(RESULTS).filter((f) => f.endsWith('.json')).map((f) => [f, JSON.parse(readFileSync(path.join(RESULTS, f), 'utf8'))]);
  const results = parts.filter(([f]) => f.startsWith('size-')).map(([, r]) => r).sort((a, b) => a.n - b.n);
  const startup = parts.find(([f]) => f === 'startup.json')?.[1];
  return { results, startup };
}

function writeReport() {
  const { results, startup } = readParts();
  const largest = results.at(-1);
  const grew = (key) => {
    const [first, last] = [results[0], results.at(-1)];
    return first.samples[key] && last.samples[key] ? `${(medianOf(last.samples, key) / medianOf(first.samples, key)).toFixed(1)}×` : 'n/a';
  };
  const growthSentence =
    results.length >= 2
      ? `From ${results[0].n} to ${largest.n} modules (${(largest.n / results[0].n).toFixed(0)}× the files) the plain chain took ${grew('chain')} as long, a cold Gatekeeper run ${grew('cold')}, one changed leaf file ${grew('leaf')} and a run with no change ${grew('noChange')}.`
      : '';
  const report = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (`node bench/run.mjs [--sizes 100:3,1000:2,5000:1] [--reps 3] [--only scenario,…] [--no-startup] [--report]`). Each figure is the median of its repetitions, measured in the same part of the run as the baseline it is divided by; parts are kept in `bench/.work/results/`, so sizes can be measured separately.',
    '',
    '## Machine',
    '',
    machine(),
    '',
    '## Results',
    '',
    ...results.flatMap((r) => [sizeTable(r), '']),
    ...(startup ? [startupTable(startup), ''] : []),
    '## Growth',
    '',
    growthTable(results),
    '',
    ...(growthSentence ? [growthSentence, ''] : []),
    ...(largest ? [`Peak memory at ${largest.n} modules: ${mb(Math.max(...Object.values(largest.samples).flat().map((s) => s.rssKb ?? NaN)))} (the largest single process of any scenario, the plain chain's tools included).`, ''] : []),
    '## Targets',
    '',
    targets(results, startup),
    '',
    '## What the figures mean',
    '',
    NOTES,
    '',
  ].join('\n');
  process.stdout.write(`${report}\n`);
  writeFileSync(path.join(REPO, 'BENCHMARKS.md'), report);
}

if (!flag('report')) {
  if (!existsSync(path.join(REPO, 'dist', 'bundle', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm run bench does).');
  rmSync(GK, { recursive: true, force: true });
  cpSync(path.join(REPO, 'dist'), path.join(GK, 'dist'), { recursive: true });
  cpSync(path.join(REPO, 'package.json'), path.join(GK, 'package.json'));
  mkdirSync(RESULTS, { recursive: true });
  for (const size of SIZES) writeFileSync(path.join(RESULTS, `size-${size.n}.json`), JSON.stringify(benchSize(size)));
  if (!flag('no-startup')) writeFileSync(path.join(RESULTS, 'startup.json'), JSON.stringify(benchNoop()));
}
writeReport();
