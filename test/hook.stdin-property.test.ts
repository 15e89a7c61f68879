import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPrePush } from '../src/hook/pre-push.js';
import { makeProject, type Project } from './helpers/project.js';

/**
 * Garbage on the hook's stdin, where git writes "<local ref> <local sha> <remote ref> <remote sha>"
 * lines: whatever arrives, the push is blocked with words, never passed — except input with no
 * line at all (git's "nothing to push") and pure deletions, which have nothing to judge.
 */
let project: Project;
beforeAll(async () => {
  project = await makeProject('hook-stdin-garbage', {
    '.gitignore': '.gatekeeper/\n',
    '.gatekeeper.json': JSON.stringify({ gates: [{ id: 'ok', kind: 'command', command: 'node -e "process.exit(0)"' }] }),
  });
});
afterAll(() => project.cleanup());

async function verdict(input: string): Promise<{ exitCode: number; said: string[] }> {
  const said: string[] = [];
  const exitCode = await runPrePush({
    remoteName: 'origin',
    cwd: project.dir,
    input: () => Promise.resolve(input),
    env: {},
    signal: new AbortController().signal,
    say: (line) => said.push(line),
  });
  return { exitCode, said };
}

const ZEROS = '0'.repeat(40);
const hex40 = fc.stringMatching(/^[0-9a-f]{40}$/);
const ref = fc.oneof(fc.constantFrom('refs/heads/main', 'refs/tags/v1', 'HEAD', '(delete)'), fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !/[\s]/.test(s)));
/** Lines of the right shape but wrong content: unknown commits, wrong lengths, stray fields. */
const nearlyALine = fc.oneof(
  fc.tuple(ref, hex40, ref, fc.oneof(hex40, fc.constant(ZEROS))).map((f) => f.join(' ')),
  fc.tuple(ref, fc.stringMatching(/^[0-9a-f]{1,39}$/), ref, hex40).map((f) => f.join(' ')),
  fc.tuple(ref, hex40, ref, hex40, fc.string()).map((f) => f.join(' ')),
  fc.tuple(ref, hex40, ref).map((f) => f.join('\t')),
);

function blank(input: string): boolean {
  return input.split('\n').every((l) => l.replace(/\r$/, '').trim() === '');
}

describe("garbage on the pre-push hook's stdin", () => {
  it('any text: blocked with a message that names the line, or nothing to judge when there is no line', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('utf8'))), async (input) => {
        const { exitCode, said } = await verdict(input);
        if (blank(input)) expect(exitCode).toBe(0);
        else {
          expect(exitCode).not.toBe(0);
          expect(said.join('\n')).toContain('push blocked');
          expect(said.join('\n')).not.toMatch(/\n\s+at /);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('lines of nearly the right shape (unknown commits, short shas, stray fields, tabs): always blocked', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(nearlyALine, { minLength: 1, maxLength: 3 }), async (lines) => {
        const input = `${lines.join('\n')}\n`;
        const { exitCode, said } = await verdict(input);
        expect(exitCode).not.toBe(0);
        expect(said.join('\n')).toContain('push blocked');
      }),
      { numRuns: 25 },
    );
  });

  it('a deletion (local sha of zeros) has nothing to judge and passes; the same line with an unknown commit does not', async () => {
    expect((await verdict(`(delete) ${ZEROS} refs/heads/old ${'a'.repeat(40)}\n`)).exitCode).toBe(0);
    expect((await verdict(`refs/heads/main ${'b'.repeat(40)} refs/heads/main ${ZEROS}\n`)).exitCode).not.toBe(0);
  });
});
