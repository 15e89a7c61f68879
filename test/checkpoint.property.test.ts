import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createCheckpoint, restoreCheckpoint } from '../src/git/checkpoint.js';
import { makeProject, type Project } from './helpers/project.js';

const projects: Project[] = [];
afterAll(() => projects.forEach((p) => p.cleanup()));

type Op = { kind: 'write'; file: string; bytes: Uint8Array; executable: boolean } | { kind: 'delete'; file: string };

// Odd names too: a space, quotes, non-ASCII letters, a newline — git quotes them, checkpoints must not care.
const names = fc.constantFrom('a.ts', 'b.txt', 'src/c.ts', 'src/deep/d.bin', 'lib/e', 'ignored/f.log', 'src/deep/more/g.ts', 'lib/e/h.ts', 'src/with space.ts', `src/quo"te's.ts`, 'src/ünïcødé.ts', 'src/new\nline.ts');
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('write' as const), file: names, bytes: fc.uint8Array({ maxLength: 64 }), executable: fc.boolean() }),
  fc.record({ kind: fc.constant('delete' as const), file: names }),
);

/** `lib/e` is a file in some states and a folder (holding `lib/e/h.ts`) in others. */
function clearWay(dir: string, file: string): void {
  const parts = file.split('/');
  for (let i = 1; i < parts.length; i++) {
    const prefix = path.join(dir, ...parts.slice(0, i));
    if (statSync(prefix, { throwIfNoEntry: false })?.isFile()) rmSync(prefix);
  }
  rmSync(path.join(dir, file), { recursive: true, force: true });
}

function apply(dir: string, ops: readonly Op[]): void {
  for (const o of ops) {
    const full = path.join(dir, o.file);
    clearWay(dir, o.file);
    if (o.kind === 'delete') continue;
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, o.bytes);
    chmodSync(full, o.executable ? 0o755 : 0o644);
  }
}

/** Every file but .git and the ignored folder, with bytes and mode; empty folders do not count (git has none). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (/^(\.git|ignored)(\/|$)/.test(file)) continue;
    const full = path.join(dir, file);
    const stat = statSync(full);
    if (stat.isFile()) out[file] = `${(stat.mode & 0o111) !== 0 ? 'x' : '-'}${readFileSync(full).toString('base64')}`;
  }
  return out;
}

describe('checkpoint and restore, for any edits', () => {
  it('restore brings back exactly the files a checkpoint recorded, whatever happened in between', async () => {
    const project = await makeProject('checkpoint-property', { '.gitignore': 'ignored/\n', 'a.ts': 'start\n' });
    projects.push(project);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 8 }), fc.array(op, { minLength: 1, maxLength: 8 }), async (before, after) => {
        apply(project.dir, before);
        const saved = snapshot(project.dir);
        const checkpoint = await createCheckpoint(project.dir, `p${++n}`, 'property');
        apply(project.dir, after);
        await restoreCheckpoint(project.dir, checkpoint.id, { force: true });
        expect(snapshot(project.dir)).toEqual(saved);
      }),
      { numRuns: 15 },
    );
  });
});
