import { describe, expect, it } from 'vitest';
import type { Diagnostic, GateResult } from '../src/core/result.js';
import { callAgent } from '../src/loop/agent.js';
import { failuresOf, fingerprintOf, normaliseMessage } from '../src/loop/fingerprint.js';
import { judgeAttempt, withTamper } from '../src/loop/outcome.js';
import { detectSpiral, type AttemptFacts } from '../src/loop/spiral.js';
import { REPO } from './helpers/project.js';
import { findGate } from '../gates/index.js';
import { loopGates } from '../src/loop/loop-gates.js';
import { touchedFiles } from '../src/git/checkpoint-diff.js';

function gate(id: string, diagnostics: Diagnostic[], status: GateResult['status'] = diagnostics.length > 0 ? 'failed' : 'passed', kind = 'typecheck'): GateResult {
  return { id, kind, status, diagnostics, summary: `${diagnostics.length} errors`, output: 'raw tool output', durationMs: 5, cached: false };
}

function typeError(file: string, line: number, message: string, code = 'TS2322'): Diagnostic {
  return { file, line, column: 3, code, message, severity: 'error' };
}

describe('failure fingerprints', () => {
  it('ignore line numbers and counts, so moved code is the same failure', () => {
    const before = failuresOf([gate('types', [typeError('src/a.ts', 3, "Expected 2 arguments, but got 1 (see src/b.ts:12:4).")])]);
    const after = failuresOf([gate('types', [typeError('src/a.ts', 40, "Expected 3 arguments, but got 2 (see src/b.ts:99:1).")])]);
    expect(fingerprintOf(before)).toBe(fingerprintOf(after));
    expect(normaliseMessage('file.ts(12,5): value 3.5 at line 7')).toBe('file.ts(#): value # at line #');
  });

  it('differ by gate, file, code and message, not by order, and count repeats', () => {
    const a = typeError('src/a.ts', 1, 'x');
    const b = typeError('src/b.ts', 1, 'y');
    const base = fingerprintOf(failuresOf([gate('types', [a, b])]));
    expect(base).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprintOf(failuresOf([gate('types', [b, a])]))).toBe(base);
    expect(fingerprintOf(failuresOf([gate('lint', [a, b])]))).not.toBe(base);
    expect(fingerprintOf(failuresOf([gate('types', [a, { ...b, code: 'TS2345' }])]))).not.toBe(base);
    expect(fingerprintOf(failuresOf([gate('types', [a, { ...b, file: 'src/c.ts' }])]))).not.toBe(base);
    // Fixing one of two identical errors is progress, not a repeat.
    expect(fingerprintOf(failuresOf([gate('types', [a, a])]))).not.toBe(fingerprintOf(failuresOf([gate('types', [a])])));
  });

  it('are null when nothing blocks, and a gate that errs without diagnostics still counts', () => {
    expect(fingerprintOf(failuresOf([gate('types', [])]))).toBeNull();
    const errored = { ...gate('build', []), status: 'errored' as const, summary: 'tsc timed out after 60 s' };
    expect(failuresOf([errored])).toHaveLength(1);
  });
});

function facts(n: number, fingerprint: string | null, extra: Partial<AttemptFacts> = {}): AttemptFacts {
  return { n, passed: fingerprint === null, fingerprint, agentRan: n > 1, treeUnchanged: false, ...extra };
}

describe('spiral detection and the loop verdict', () => {
  const rules = { maxAttempts: 5, spiralRepeats: 1 };

  it('stops when the agent changed nothing, on a repeat, and on oscillation, saying which', () => {
    expect(detectSpiral([facts(1, 'a'), facts(2, 'a', { treeUnchanged: true })], 1)).toMatch(/changed nothing at all in attempt 2/);
    expect(detectSpiral([facts(1, 'a'), facts(2, 'a')], 1)).toMatch(/same failures .* on 2 consecutive attempts/);
    expect(detectSpiral([facts(1, 'a'), facts(2, 'a')], 2)).toBeUndefined();
    expect(detectSpiral([facts(1, 'a'), facts(2, 'a'), facts(3, 'a')], 2)).toMatch(/3 consecutive attempts \(1 to 3\)/);
    expect(detectSpiral([facts(1, 'a'), facts(2, 'b'), facts(3, 'a')], 1)).toMatch(/oscillating: attempt 3 is back to the failures of attempt 1/);
    expect(detectSpiral([facts(1, 'a'), facts(2, 'b'), facts(3, 'c')], 1)).toBeUndefined();
  });

  it('passes, exhausts the budget, and fails on two agent failures in a row (a crash is not a spiral)', () => {
    expect(judgeAttempt([facts(1, 'a'), facts(2, null)], rules)?.outcome).toBe('passed');
    const crashed = { agentProblem: 'exited with code 7', treeUnchanged: true };
    expect(judgeAttempt([facts(1, 'a'), facts(2, 'a', crashed)], rules)).toBeUndefined();
    expect(judgeAttempt([facts(1, 'a'), facts(2, 'a', crashed), facts(3, 'a', crashed)], rules)).toEqual({
      outcome: 'agent-failed',
      reason: 'the agent failed twice in a row: attempt 2 exited with code 7, attempt 3 exited with code 7',
    });
    const distinct = ['a', 'b', 'c', 'd', 'e'].map((f, i) => facts(i + 1, f));
    expect(judgeAttempt(distinct.slice(0, 4), rules)).toBeUndefined();
    expect(judgeAttempt(distinct, rules)?.outcome).toBe('exhausted');
  });

  it('turns any unfinished loop into tampered while a guard gate still fails', () => {
    const guard = { ...gate('guard', [typeError('test/a.test.ts', 4, 'new .skip')], 'failed', 'guard'), summary: '1 weakened check' };
    expect(withTamper({ outcome: 'exhausted', reason: 'r' }, [gate('types', []), guard])).toEqual({ outcome: 'tampered', reason: 'the guard gate still fails on the last attempt: 1 weakened check (r)' });
    expect(withTamper({ outcome: 'spiral', reason: 'r' }, [gate('types', [])]).outcome).toBe('spiral');
    expect(withTamper({ outcome: 'passed', reason: 'r' }, [guard]).outcome).toBe('passed');
  });
});

describe('the agent call', () => {
  it('replaces {feedback} and {feedback_file} with shell-quoted text, and passes the digest on stdin and in the environment', async () => {
    const digest = `it's "$HOME" \`whoami\` $(id) \\ \n second line; rm -rf nothing`;
    const script = "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>process.stdout.write(JSON.stringify({argv:process.argv.slice(1),stdin:s,env:[process.env.GATEKEEPER_FEEDBACK,process.env.GATEKEEPER_ATTEMPT,process.env.GATEKEEPER_MAX_ATTEMPTS]})))";
    const run = await callAgent({ command: `node -e "${script}" {feedback} {feedback_file}`, cwd: REPO, digest, feedbackFile: '/tmp/it is/feedback.md', attempt: 2, maxAttempts: 4, timeoutMs: 30_000 });
    expect(run.problem).toBeUndefined();
    expect(JSON.parse(run.output)).toEqual({ argv: [digest, '/tmp/it is/feedback.md'], stdin: digest, env: ['/tmp/it is/feedback.md', '2', '4'] });
  });

  it('survives an agent that never reads its stdin, and reports a non-zero exit as a problem', async () => {
    const big = 'x'.repeat(500_000);
    const ok = await callAgent({ command: 'true', cwd: REPO, digest: big, feedbackFile: 'f', attempt: 1, maxAttempts: 1, timeoutMs: 30_000 });
    expect(ok.exitCode).toBe(0);
    expect(ok.problem).toBeUndefined();
    const crash = await callAgent({ command: 'exit 7', cwd: REPO, digest: big, feedbackFile: 'f', attempt: 1, maxAttempts: 1, timeoutMs: 30_000 });
    expect(crash).toMatchObject({ exitCode: 7, problem: 'exited with code 7' });
  });
});

describe('the gates of the loop', () => {
  const gates = [{ id: 'types', kind: 'typecheck' }];
  it('add a guard gate only when the guard is on and none is configured', () => {
    expect(findGate('guard')).toBeDefined();
    expect(loopGates(gates, true)).toEqual([...gates, { id: 'guard', kind: 'guard' }]);
    expect(loopGates(gates, false)).toEqual(gates);
    const own = [...gates, { id: 'mine', kind: 'guard' }];
    expect(loopGates(own, true)).toEqual(own);
  });
});

describe("the files and lines an agent's change touched", () => {
  it('reads git diff -U0: rewritten ranges, a pure deletion at its line, a deleted and a new file, a "+++" line inside a hunk', () => {
    // `git diff --no-renames -U0` of two real trees (a deleted file, two hunks in one file, a new file).
    const diff = [
      'diff --git a/gone.txt b/gone.txt', 'deleted file mode 100644', 'index 286c5f5..0000000', '--- a/gone.txt', '+++ /dev/null', '@@ -1 +0,0 @@', '-gone',
      'diff --git a/keep.txt b/keep.txt', 'index d68dd40..7be73ce 100644', '--- a/keep.txt', '+++ b/keep.txt', '@@ -2 +2 @@ a', '-b', '+B', '@@ -4 +3,0 @@ c', '-d',
      'diff --git a/new.txt b/new.txt', 'new file mode 100644', 'index 0000000..07f33c4', '--- /dev/null', '+++ b/new.txt', '@@ -0,0 +1,3 @@', '+new', '+++ not a header', '+file', '',
    ].join('\n');
    expect(touchedFiles(diff)).toEqual([
      { file: 'gone.txt', ranges: [[1, 1]] },
      { file: 'keep.txt', ranges: [[2, 2], [3, 3]] },
      { file: 'new.txt', ranges: [[1, 3]] },
    ]);
  });
});
