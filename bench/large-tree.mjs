// `node bench/large-tree.mjs [--files 100000] [--reps 3]` (after `npm run build`): a repository of
// many tracked files, and what Gatekeeper spends on it before any tool runs — the scope, the cache
// key (tree + git-ignored inputs) and the guard — each as a ratio to `git status` measured in the
// same run. Writes its section of BENCHMARKS.md. Not part of `npm test`.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GIT_ENV } from './generate.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(REPO, 'dist', 'src', 'cli', 'main.js');
const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const FILES = Number(option('files', '100000'));
const REPS = Number(option('reps', '3'));
const dir = path.join(REPO, 'bench', '.work', `large-tree-${FILES}`);

function generate() {
  rmSync(dir, { recursive: true, force: true });
  // 1,000 files per folder, a built dist/ beside them (git-ignored: it goes into the cache key by content).
  for (let i = 0; i < FILES; i++) {
    const folder = path.join(dir, 'src', `d${Math.floor(i / 1000)}`);
    if (i % 1000 === 0) mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, `f${i}.ts`), `export const v${i} = ${i};\n`);
  }
  mkdirSync(path.join(dir, 'dist'), { recursive: true });
  for (let i = 0; i < 200; i++) writeFileSync(path.join(dir, 'dist', `chunk${i}.js`), `export const c${i} = ${i};\n`.repeat(50));
  writeFileSync(path.join(dir, '.gitignore'), 'node_modules\n.gatekeeper/\ndist\n');
  writeFileSync(
    path.join(dir, '.gatekeeper.json'),
    JSON.stringify({ gates: [{ id: 'noop', kind: 'command', command: 'true' }, { id: 'guard', kind: 'guard' }] }),
  );
  const git = (...args) => execFileSync('git', args, { cwd: dir, env: GIT_ENV, stdio: 'ignore', maxBuffer: 1 << 30 });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'many files');
  // An edit to judge, as a push or the loop would have one.
  writeFileSync(path.join(dir, 'src', 'd0', 'f0.ts'), 'export const v0 = 1000;\n');
}

function time(argv) {
  const started = performance.now();
  const run = spawnSync(argv[0], argv.slice(1), { cwd: dir, env: { ...GIT_ENV, CI: '1', NO_COLOR: '1' }, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - started;
  if (run.status !== 0 && run.status !== 1) throw new Error(`${argv.join(' ')} exited ${run.status}: ${run.stderr}`);
  return ms;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const SCENARIOS = {
  gitStatus: ['(1) `git status --porcelain` (baseline)', ['git', 'status', '--porcelain']],
  noopCached: ['(2) `gatekeeper run --only noop`, cache hit: scope + cache key (tracked tree and ignored dist/)', ['node', CLI, 'run', '--only', 'noop']],
  noopSince: ['(3) `gatekeeper run --only noop --since HEAD`: the same with a changed-files scope', ['node', CLI, 'run', '--only', 'noop', '--since', 'HEAD']],
  guard: ['(4) `gatekeeper run --only guard`: the guard over the work tree against HEAD', ['node', CLI, 'run', '--only', 'guard']],
};

generate();
time(SCENARIOS.noopCached[1]); // fill the cache, warm the file cache
const samples = Object.fromEntries(Object.keys(SCENARIOS).map((k) => [k, []]));
for (let rep = 0; rep < REPS; rep++) for (const [key, [, argv]] of Object.entries(SCENARIOS)) samples[key].push(time(argv));
const base = median(samples.gitStatus);
const rows = Object.entries(SCENARIOS).map(([key, [label]]) => {
  const ms = median(samples[key]);
  return `| ${label} | ${(ms / 1000).toFixed(2)} s | ${(ms / base).toFixed(1)}× |`;
});
const section = [
  `## ${FILES.toLocaleString('en-US')} tracked files`,
  '',
  `Written by \`node bench/large-tree.mjs --files ${FILES} --reps ${REPS}\` on ${os.availableParallelism()} cores, ${new Date().toISOString()} (a shared machine: compare ratios). One command gate (\`true\`) and the guard; a git-ignored \`dist/\` of 200 files; one tracked file edited. Median of ${REPS}.`,
  '',
  '| scenario | median | ratio to (1) |',
  '| --- | ---: | ---: |',
  ...rows,
].join('\n');
process.stdout.write(`${section}\n`);
const file = path.join(REPO, 'BENCHMARKS.md');
const text = readFileSync(file, 'utf8');
const heading = /\n## [\d,]+ tracked files\n[\s\S]*?(?=\n## |$)/;
writeFileSync(file, heading.test(text) ? text.replace(heading, `\n${section}\n`) : `${text.trimEnd()}\n\n${section}\n`);
