// Interleaved medians of shell commands, the first the baseline: `node bench/ab.mjs N CWD -- CMD_A -- CMD_B …`
// (each command runs once per round, N rounds, so that load on a shared machine falls on all of
// them alike). Used to compare two builds of Gatekeeper, e.g. start-up before and after a change:
//   node bench/ab.mjs 25 /tmp/noop -- node -e 0 -- node /tmp/old/dist/bundle/cli/main.js run -- node dist/bundle/cli/main.js run
// Two builds must not share a project folder: the result cache's key holds the build, so each would miss.
import { spawnSync } from 'node:child_process';

const [rounds, cwd, ...rest] = process.argv.slice(2);
const commands = rest.join(' ').split(' -- ').map((s) => s.replace(/^-- /, '')).filter(Boolean);
if (!Number(rounds) || !cwd || commands.length === 0) {
  console.error('usage: node bench/ab.mjs ROUNDS CWD -- COMMAND [-- COMMAND …]');
  process.exit(2);
}
const times = commands.map(() => []);
for (let round = 0; round < Number(rounds); round++) {
  commands.forEach((command, i) => {
    const started = performance.now();
    spawnSync('sh', ['-c', command], { cwd, stdio: 'ignore' });
    times[i].push(performance.now() - started);
  });
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const base = median(times[0]);
commands.forEach((command, i) => console.log(`${median(times[i]).toFixed(1)} ms  ${(median(times[i]) / base).toFixed(3)}×  ${command}`));
