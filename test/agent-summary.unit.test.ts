import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../src/history/ledger.js';
import { formatStats } from '../src/history/stats-text.js';
import { computeStats } from '../src/history/stats.js';

function stop(session: string, attempt: number, outcome: string, host = 'claude', second = attempt): LedgerEntry {
  return { time: `2026-12-02T01:00:0${second}Z`, command: 'agent', outcome, durationMs: 1, gates: [], host, session, attempt };
}

describe('agent sessions in gatekeeper stats', () => {
  const entries = [
    stop('a', 1, 'passed'),
    stop('a', 1, 'blocked'),
    stop('a', 2, 'blocked'),
    stop('a', 3, 'passed'),
    stop('b', 1, 'blocked'),
    stop('b', 2, 'spiral'),
    stop('b', 1, 'blocked', 'cursor'),
    stop('c', 1, 'error'),
    // A prompt left blocked, then the next prompt (attempt 1 again, from a ledger without prompt numbers) passed at once.
    stop('d', 1, 'blocked', 'codex', 5),
    stop('d', 1, 'passed', 'codex', 6),
    { time: '2026-12-02T01:00:00Z', command: 'run' as const, outcome: 'passed', durationMs: 1, gates: [] },
  ];

  it('cuts each session into prompts (a new prompt number, attempt 1 again, or the end of a round) and counts how each ended', () => {
    const stats = computeStats(entries);
    expect(stats.agents).toEqual({
      sessions: 7,
      stops: 10,
      passed: 3,
      passedFirstStop: 2,
      passedAfterBlocks: { '2': 1 },
      notVerified: { spiral: 1, error: 1 },
      open: 2,
      byHost: { claude: 4, cursor: 1, codex: 2 },
    });
    expect(stats.firstPass.period.agent).toEqual({ total: 7, firstPass: 2, yield: 2 / 7 });
  });

  it('shows them in the text report, and not at all without agent lines', () => {
    const text = formatStats(computeStats(entries));
    expect(text).toMatch(/^runs +run 1 · hook 0 · loop 0 · agent 7 sessions \(10 stops\)$/m);
    expect(text).toContain('agent sessions     7: 2 passed at the first stop (29%), 1 after 2 blocks, 2 still blocked');
    expect(text).toMatch(/not verified\s+2 \(error 1, spiral 1\)/);
    expect(formatStats(computeStats(entries.slice(-1)))).not.toContain('agent sessions');
  });
});
