// Checkpoint cost on a 3000-file repository, as ratios of `git status` measured in the same run.
// Usage: npm run build && node bench/checkpoint.mjs
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCheckpoint, restoreCheckpoint, workTreeHash } from '../dist/src/git/checkpoint.js';

const FILES = 3000;
const RUNS = 5;
const dir = mkdtempSync(path.join(os.tmpdir(), 'gatekeeper-bench-checkpoint-'));
const env = { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' };
const git = (...args) => execFileSync('git', args, { cwd: dir, env }).toString();

for (let i = 0; i < FILES; i++) {
  mkdirSync(path.join(dir, `src/m${i % 50}`), { recursive: true });
  writeFileSync(path.join(dir, `src/m${i % 50}/f${i}.ts`), `export const v${i} = ${i};\n`.repeat(60));
}
git('init', '-q', '-b', 'main');
git('add', '-A');
git('commit', '-qm', 'bench');

async function median(action, setup = async () => undefined) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    await setup(i);
    const started = performance.now();
    await action(i);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

const edit = (i) => {
  for (let f = 0; f < 10; f++) writeFileSync(path.join(dir, `src/m${f}/f${f}.ts`), `edit ${i}\n`);
};
const baseline = await median(() => git('status', '--porcelain'));
const results = {
  'work-tree hash (clean)': await median(() => workTreeHash(dir)),
  'checkpoint after 10 edits': await median(async (i) => {
    edit(i);
    await createCheckpoint(dir, `bench-${i}`, 'bench');
  }),
  'restore to the first checkpoint (10 files differ)': await median(
    () => restoreCheckpoint(dir, 'bench-0'),
    async (i) => {
      edit(i + 1);
      await createCheckpoint(dir, `bench-r${i}`, 'bench');
    },
  ),
};
console.log(`git status --porcelain on ${FILES} files: ${baseline.toFixed(0)} ms (the baseline)`);
for (const [what, ms] of Object.entries(results)) console.log(`${what}: ${ms.toFixed(0)} ms = ${(ms / baseline).toFixed(1)}x git status`);
rmSync(dir, { recursive: true, force: true });
