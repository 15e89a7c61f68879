// The stats page on a generated 100,000-line ledger (runs, pushes, loops, agent stops over 90 days):
// its size, and its time as a ratio of plain Node reading and parsing the same ledger, measured in the same run.
// Usage: npm run build && node bench/stats.mjs [--lines 100000] [--reps 3]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeLedger } from './stats-ledger.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const LINES = arg('lines', 100_000);
const REPS = arg('reps', 3);
const CLI = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'src', 'cli', 'main.js');
const dir = mkdtempSync(path.join(os.tmpdir(), 'gatekeeper-bench-stats-'));
execFileSync('git', ['init', '-q', dir]);
const ledger = writeLedger(dir, { lines: LINES, days: 90, torn: 5 });

function median(command, args) {
  const times = [];
  for (let i = 0; i < REPS; i++) {
    const started = performance.now();
    execFileSync(command, args, { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(REPS / 2)];
}

const parse = `const t=require('fs').readFileSync(${JSON.stringify(ledger)},'utf8');let n=0;for(const l of t.split('\\n')){try{JSON.parse(l);n++}catch{}}`;
const baseline = median(process.execPath, ['-e', parse]);
const html = path.join(dir, 'stats.html');
const page = median(process.execPath, [CLI, 'stats', '--html', html]);
const json = median(process.execPath, [CLI, 'stats', '--json']);
const text = median(process.execPath, [CLI, 'stats']);
const kb = (statSync(html).size / 1024).toFixed(0);
console.log(`ledger: ${LINES.toLocaleString('en-US')} lines over 90 days, ${(statSync(ledger).size / 1048576).toFixed(1)} MB (5 torn lines)`);
console.log(`plain node reading and parsing it: ${baseline.toFixed(0)} ms (the baseline; median of ${REPS})`);
console.log(`gatekeeper stats --html: ${page.toFixed(0)} ms = ${(page / baseline).toFixed(2)}x the baseline; page ${kb} KB`);
console.log(`gatekeeper stats --json: ${json.toFixed(0)} ms = ${(json / baseline).toFixed(2)}x`);
console.log(`gatekeeper stats (text): ${text.toFixed(0)} ms = ${(text / baseline).toFixed(2)}x`);
rmSync(dir, { recursive: true, force: true });
