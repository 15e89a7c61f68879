// A generated ledger for the stats page: runs, pushes (some in CI, some bypassed), loops and agent
// sessions over a span of days, with durations, failing codes and repeated fingerprints.
// Deterministic (a seeded generator), so two runs give the same file.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GATES = [
  { id: 'guard', kind: 'guard', ms: 40, fail: 0.01, codes: ['ts-ignore', 'eslint-disable'] },
  { id: 'typecheck', kind: 'typecheck', ms: 9000, fail: 0.12, codes: ['TS2322', 'TS2345', 'TS7006', 'TS2339'] },
  { id: 'lint', kind: 'lint', ms: 6000, fail: 0.1, codes: ['no-unused-vars', '@typescript-eslint/no-explicit-any', 'eqeqeq'] },
  { id: 'complexity', kind: 'complexity', ms: 1500, fail: 0.03, codes: ['cyclomatic'] },
  { id: 'test', kind: 'test', ms: 20000, fail: 0.08, codes: [] },
  { id: 'build', kind: 'build', ms: 12000, fail: 0.02, codes: [] },
];
const HOSTS = ['claude', 'codex', 'copilot', 'gemini', 'cursor'];
const LOOP_ENDS = ['exhausted', 'spiral', 'tampered', 'agent-failed'];
const AGENT_ENDS = ['not-verified', 'spiral', 'tampered'];

export function generateLedger({ lines = 100_000, days = 90, seed = 17, end = Date.UTC(2026, 10, 30), torn = 0 } = {}) {
  const rand = random(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const start = end - days * 86_400_000;
  const out = [];
  const gates = (failing) =>
    GATES.map((g) => {
      const failed = failing ? rand() < g.fail * 3 : false;
      const status = failed ? (rand() < 0.05 ? 'errored' : 'failed') : 'passed';
      const summary = { id: g.id, kind: g.kind, status, durationMs: Math.round(g.ms * (0.4 + rand() * 1.4)), cached: rand() < 0.2 };
      if (failed && g.codes.length > 0) summary.codes = { [pick(g.codes)]: 1 + Math.floor(rand() * 6) };
      return summary;
    });
  const prints = Array.from({ length: 40 }, (_, i) => i.toString(16).padStart(4, '0').repeat(4));
  let session = 0;
  while (out.length < lines) {
    const time = new Date(start + ((out.length + rand()) / lines) * (end - start)).toISOString();
    const roll = rand();
    if (roll < 0.35) {
      const failing = rand() < 0.25;
      const g = gates(failing);
      const ok = g.every((x) => x.status === 'passed');
      out.push({ time, command: 'run', outcome: ok ? 'passed' : 'failed', durationMs: g.reduce((a, x) => a + x.durationMs, 0), gates: g, ...(rand() < 0.3 ? { ci: true } : {}), ...(rand() < 0.02 ? { bypasses: ['--skip test'] } : {}) });
    } else if (roll < 0.6) {
      if (rand() < 0.04) {
        out.push({ time, command: 'hook', outcome: 'bypassed', durationMs: 0, gates: [], bypasses: [pick(['GATEKEEPER=0', 'GATEKEEPER_SKIP=test', 'GATEKEEPER_SKIP=lint,test'])] });
        continue;
      }
      const g = gates(rand() < 0.2);
      const ok = g.every((x) => x.status === 'passed');
      out.push({ time, command: 'hook', outcome: ok ? 'passed' : 'failed', durationMs: g.reduce((a, x) => a + x.durationMs, 0), gates: g, remote: 'origin', ...(rand() < 0.15 ? { ci: true } : {}) });
    } else if (roll < 0.8) {
      const attempts = 1 + Math.floor(rand() ** 2 * 12);
      const outcome = rand() < 0.78 ? 'passed' : pick(LOOP_ENDS);
      const fingerprints = Array.from({ length: attempts }, (_, i) => (i === attempts - 1 && outcome === 'passed' ? 'passed' : pick(prints)));
      const g = gates(outcome !== 'passed');
      out.push({ time, command: 'loop', outcome, durationMs: attempts * 30_000, gates: g, attempts, fingerprints });
    } else {
      const stops = 1 + Math.floor(rand() ** 2 * 6);
      const host = pick(HOSTS);
      const id = `s${++session}`;
      const final = rand() < 0.8 ? 'passed' : pick(AGENT_ENDS);
      for (let attempt = 1; attempt <= stops && out.length < lines; attempt++) {
        const outcome = attempt === stops ? final : 'agent-failed';
        const at = new Date(Date.parse(time) + attempt * 60_000).toISOString();
        const g = gates(outcome !== 'passed');
        out.push({ time: at, command: 'agent', host, session: id, attempt, outcome, durationMs: g.reduce((a, x) => a + x.durationMs, 0), gates: g, ...(outcome !== 'passed' ? { fingerprints: [pick(prints)] } : {}) });
      }
    }
  }
  const text = out.slice(0, lines).map((e) => JSON.stringify(e));
  // A crash mid-write leaves a torn line; spread a few through the file.
  for (let i = 0; i < torn; i++) {
    const at = Math.floor(((i + 1) * text.length) / (torn + 1));
    text[at] = (text[at] ?? '').slice(0, 37);
  }
  return `${text.join('\n')}\n`;
}

export function writeLedger(root, options) {
  const file = path.join(root, '.gatekeeper', 'history.jsonl');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, generateLedger(options));
  return file;
}
