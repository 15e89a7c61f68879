// `node bench/hold-the-line.mjs [--modules N] [--reps R]` (part of `npm run bench`): what hold the line
// costs. A synthetic repository whose commit has old findings (a function of cyclomatic complexity 15,
// a `debugger`), one leaf file edited before every run; `gatekeeper run` with hold the line on a warm
// base cache against the same run with --no-hold-the-line, and the first run that has to compute the
// base (a worktree and a child Gatekeeper). Ratios are to the run without hold the line, same session.
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRepo, GIT_ENV, leafOf, moduleSource } from './generate.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(REPO, 'dist', 'src', 'cli', 'main.js');
const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const N = Number(option('modules', '100'));
const REPS = Number(option('reps', '3'));
const dir = path.join(REPO, 'bench', '.work', `hold-${N}`);

const LEGACY = `export function classify(n: number): number {\n${Array.from({ length: 14 }, (_, i) => `  if (n === ${i}) return ${i};`).join('\n')}\n  return -1;\n}\n\nexport function halt(): void {\n  debugger;\n}\n`;
const GATES = [
  { id: 'types', kind: 'typecheck' },
  { id: 'lint', kind: 'lint' },
  { id: 'complexity', kind: 'complexity', include: ['src/**/*.ts'] },
];
generateRepo(dir, N, { '.gatekeeper.json': JSON.stringify({ holdTheLine: true, failFast: false, gates: GATES }, null, 2), 'src/legacy.ts': LEGACY });
const env = { ...GIT_ENV, CI: '1', NO_COLOR: '1' };

function timed(args, expectExit) {
  const started = performance.now();
  const run = spawnSync(process.execPath, [CLI, 'run', ...args], { cwd: dir, env, encoding: 'utf8' });
  const ms = performance.now() - started;
  if (run.status !== expectExit) throw new Error(`gatekeeper run ${args.join(' ')} exited ${run.status}, expected ${expectExit}:\n${run.stdout}\n${run.stderr}`);
  return ms;
}
const clearCache = () => {
  rmSync(path.join(dir, 'node_modules', '.cache', 'gatekeeper'), { recursive: true, force: true });
  rmSync(path.join(dir, '.gatekeeper', 'cache'), { recursive: true, force: true });
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
let variant = 0;
const touchLeaf = () => writeFileSync(path.join(dir, leafOf(N)), moduleSource(N - 1, ++variant));

timed([], 0); // warm the OS caches and the base cache once, untimed
const samples = { off: [], warm: [], coldOff: [], coldHold: [] };
for (let rep = 0; rep < REPS; rep++) {
  touchLeaf();
  samples.off.push(timed(['--no-hold-the-line'], 1));
  touchLeaf();
  samples.warm.push(timed([], 0));
  clearCache();
  touchLeaf();
  samples.coldOff.push(timed(['--no-hold-the-line'], 1));
  clearCache();
  touchLeaf();
  samples.coldHold.push(timed([], 0));
  process.stderr.write(`repetition ${rep + 1}/${REPS} done\n`);
}
const off = median(samples.off);
const coldOff = median(samples.coldOff);
const row = (label, ms, base) => `| ${label} | ${(ms / 1000).toFixed(2)} s | ${(ms / base).toFixed(2)} |`;
const warmRatio = median(samples.warm) / off;
console.log(
  [
    `### Hold the line, ${N} modules, one leaf file edited per run (${REPS} repetitions, medians)`,
    '',
    '| scenario | median | ratio |',
    '| --- | ---: | ---: |',
    row('gatekeeper run --no-hold-the-line (warm cache; 2 old findings fail it)', off, off),
    row('gatekeeper run, hold the line, base cached (passes: the findings are old)', median(samples.warm), off),
    row('gatekeeper run --no-hold-the-line, empty cache', coldOff, coldOff),
    row('gatekeeper run, hold the line, empty cache (base computed: worktree + child run of the failed gates)', median(samples.coldHold), coldOff),
    '',
    `target: hold the line on a warm base cache ≤ 1.2× the run without it — ${warmRatio <= 1.2 ? 'met' : 'NOT met'} (${warmRatio.toFixed(2)}×)`,
  ].join('\n'),
);
