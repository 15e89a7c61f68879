// The cost of the agent edit hook (`agent-hook edit`: the file-level gates on the one edited file)
// against a whole-project `eslint .` on the same synthetic repository, and `node -e 0` as the floor,
// measured in the same run. Usage: npm run build && node bench/agent-edit.mjs [--size 1000] [--reps 3]
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRepo, GIT_ENV, moduleName } from './generate.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(REPO, 'dist', 'bundle', 'cli', 'main.js');
const ESLINT = path.join(REPO, 'node_modules', '.bin', 'eslint');
const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const SIZE = Number(option('size', '1000'));
const REPS = Number(option('reps', '3'));

// Inside the checkout, so that ESLint's config resolves @eslint/js and typescript-eslint from here.
const dir = path.join(REPO, 'bench', '.work', `agent-edit-${SIZE}`);
mkdirSync(path.dirname(dir), { recursive: true });
generateRepo(dir, SIZE, { '.gatekeeper.json': JSON.stringify({ gates: [{ id: 'lint', kind: 'lint' }, { id: 'complexity', kind: 'complexity' }] }), '.gitignore': '.gatekeeper/\n' });

const file = path.join(dir, 'src', `${moduleName(Math.floor(SIZE / 2))}.ts`);
const stdin = JSON.stringify({ session_id: 'bench', cwd: dir, hook_event_name: 'PostToolUse', tool_name: 'Edit', tool_input: { file_path: file } });

function median(argv, input) {
  const times = [];
  for (let i = 0; i < REPS; i++) {
    const started = performance.now();
    const run = spawnSync(argv[0], argv.slice(1), { cwd: dir, env: { ...GIT_ENV, CI: '1' }, input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    times.push(performance.now() - started);
    if (run.status !== 0 && argv[1] !== '.') throw new Error(`${argv.join(' ')} exited ${run.status}: ${run.stderr}`);
  }
  return times.sort((a, b) => a - b)[Math.floor(REPS / 2)];
}

const floor = median([process.execPath, '-e', '0']);
const whole = median([ESLINT, '.']);
const hook = median([process.execPath, CLI, 'agent-hook', 'edit', '--host', 'claude', '--timeout', '60'], stdin);
const row = (label, ms) => `${label.padEnd(44)}${(ms / 1000).toFixed(2).padStart(7)} s  ${(ms / whole).toFixed(2).padStart(6)}× eslint .  ${(ms / floor).toFixed(1).padStart(6)}× node -e 0`;
console.log(`agent edit hook on a ${SIZE}-module repository, median of ${REPS}`);
console.log(row('node -e 0', floor));
console.log(row('eslint . (whole project)', whole));
console.log(row('agent-hook edit (lint + complexity, 1 file)', hook));
