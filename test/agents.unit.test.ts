import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { patchFiles } from '../src/agents/codex.js';
import { deadlineMs, handleHook } from '../src/agents/handle-hook.js';
import type { Decision } from '../src/agents/host.js';
import { HOSTS } from '../src/agents/hosts.js';

/** Hosts with a field that ends a turn with a message for the human; the others only log it. */
const ENDS_TURN = new Set(['claude', 'codex', 'gemini']);

describe('every host, on a stop it cannot judge', () => {
  it.each(HOSTS.map((h) => [h.name, h] as const))('%s never blocks on garbage and never calls it verified (property)', async (_name, host) => {
    const outside = path.join(os.tmpdir(), 'gatekeeper-no-repo');
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.json(), fc.constant(''), fc.constant('[]'), fc.constant('{"session_id":7}')), async (stdin) => {
        const answer = await handleHook({ host, kind: 'stop', stdin, cwd: outside, timeoutSeconds: 30 });
        expect(answer.stderr).toContain('NOT verified');
        const out = JSON.parse(answer.stdout) as Record<string, unknown>;
        expect(out['decision']).toBeUndefined();
        expect(out['followup_message']).toBeUndefined();
        if (ENDS_TURN.has(host.name)) expect(out['continue']).toBe(false);
        else expect(out).toEqual({});
      }),
      { numRuns: 40 },
    );
  });
});

describe('answers in each host\'s own shape', () => {
  const decisions: Decision[] = [{ kind: 'allow' }, { kind: 'block', reason: 'x'.repeat(20000) }, { kind: 'unverified', reason: 'why' }, { kind: 'context', text: 'ctx' }];

  it('Codex gets only the keys its Stop schema allows, whatever the decision', () => {
    const codex = HOSTS.find((h) => h.name === 'codex');
    const allowed = ['continue', 'decision', 'reason', 'stopReason', 'suppressOutput', 'systemMessage'];
    for (const d of decisions) expect(Object.keys(JSON.parse(codex?.answer('stop', d).stdout ?? '{}') as object).filter((k) => !allowed.includes(k))).toEqual([]);
  });

  it('a block reason stays within 8,000 characters on every host', () => {
    for (const host of HOSTS) expect(host.answer('stop', { kind: 'block', reason: 'x'.repeat(20000) }).stdout.length).toBeLessThan(8100);
  });

  it('Gemini denies, Cursor follows up, the others block', () => {
    const shape = Object.fromEntries(HOSTS.map((h) => [h.name, Object.keys(JSON.parse(h.answer('stop', { kind: 'block', reason: 'r' }).stdout) as object)]));
    expect(shape).toEqual({ claude: ['decision', 'reason'], codex: ['decision', 'reason'], copilot: ['decision', 'reason'], gemini: ['decision', 'reason'], cursor: ['followup_message'] });
    const gemini = HOSTS.find((h) => h.name === 'gemini');
    expect(JSON.parse(gemini?.answer('stop', { kind: 'block', reason: 'r' }).stdout ?? '{}')).toEqual({ decision: 'deny', reason: 'r' });
  });

  it('Copilot and Cursor cannot end a turn: only a block says anything at a stop; edit context (Copilot) and a prompt (Cursor) have their own answer', () => {
    const answers = (name: string) => {
      const host = HOSTS.find((h) => h.name === name);
      const small: Decision[] = [{ kind: 'allow' }, { kind: 'block', reason: 'r' }, { kind: 'unverified', reason: 'why' }, { kind: 'context', text: 'ctx' }];
      return (['stop', 'edit', 'prompt'] as const).map((kind) => small.map((d) => host?.answer(kind, d).stdout));
    };
    expect(answers('copilot')).toEqual([
      ['{}', '{"decision":"block","reason":"r"}', '{}', '{}'],
      ['{}', '{"decision":"block","reason":"r"}', '{}', '{"additionalContext":"ctx"}'],
      ['{}', '{"decision":"block","reason":"r"}', '{}', '{}'],
    ]);
    expect(answers('cursor')).toEqual([
      ['{}', '{"followup_message":"r"}', '{}', '{}'],
      ['{}', '{"followup_message":"r"}', '{}', '{}'],
      ['{"continue":true}', '{"followup_message":"r"}', '{"continue":true}', '{"continue":true}'],
    ]);
  });
});

describe('config entries use each host\'s documented field names and units', () => {
  const entries = Object.fromEntries(HOSTS.map((h) => [h.name, h.entries((kind) => `cmd ${kind}`)]));

  it('Claude and Codex: groups with timeout in seconds; Gemini: milliseconds; Copilot: bash and timeoutSec; Cursor: command and timeout', () => {
    expect(entries['claude']?.find((e) => e.event === 'Stop')?.item).toEqual({ hooks: [{ type: 'command', command: 'cmd stop', timeout: 600 }] });
    expect(entries['codex']?.find((e) => e.event === 'PostToolUse')?.item).toEqual({ matcher: '^apply_patch$', hooks: [{ type: 'command', command: 'cmd edit', timeout: 60 }] });
    expect(entries['gemini']?.find((e) => e.event === 'AfterAgent')?.item).toEqual({ hooks: [{ type: 'command', name: 'gatekeeper-stop', command: 'cmd stop', timeout: 600000 }] });
    expect(entries['copilot']?.find((e) => e.event === 'agentStop')?.item).toEqual({ type: 'command', bash: 'cmd stop', timeoutSec: 600 });
    expect(entries['cursor']?.find((e) => e.event === 'stop')?.item).toEqual({ command: 'cmd stop', timeout: 600 });
  });
});

describe('the hook\'s own deadline', () => {
  it('leaves a tenth of the host\'s timeout (2 s at least) and the time it took to start', () => {
    expect(deadlineMs(600, 0)).toBe(540000);
    expect(deadlineMs(10, 0)).toBe(8000);
    expect(deadlineMs(10, 1500)).toBe(6500);
    expect(deadlineMs(1, 5000)).toBe(500);
  });
});

describe('Codex apply_patch', () => {
  it('names the files a patch adds, updates or moves to, wherever the patch text is', () => {
    const patch = '*** Begin Patch\n*** Update File: src/a.ts\n@@\n-x\n+y\n*** Add File: src/b.ts\n+z\n*** Delete File: src/c.ts\n*** Update File: src/d.ts\n*** Move to: src/e.ts\n*** End Patch\n';
    expect(patchFiles({ command: patch })).toEqual(['src/a.ts', 'src/b.ts', 'src/d.ts', 'src/e.ts']);
    expect(patchFiles({ input: ['apply_patch', patch] })).toEqual(['src/a.ts', 'src/b.ts', 'src/d.ts', 'src/e.ts']);
    expect(patchFiles(undefined)).toEqual([]);
  });
});
