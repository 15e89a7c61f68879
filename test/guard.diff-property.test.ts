import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseUnifiedDiff } from '../src/guard/unified-diff.js';
import { makeProject, type Project } from './helpers/project.js';

/**
 * The guard points at exact lines, so the diff parser's line numbers are checked against real
 * `git diff -U0` output on random edits: every added line must be the new file's line at that
 * number, every removed one the old file's, and what is neither must be the same on both sides.
 */
let project: Project;
beforeAll(async () => {
  project = await makeProject('guard-diff', { 'f.ts': '' });
});
afterAll(() => project.cleanup());

const line = fc.constantFrom('a', 'b', 'c', '// @ts-ignore', "it('x', () => {});", '', '  }');
const content = fc.tuple(fc.array(line, { maxLength: 12 }), fc.boolean()).map(([lines, endsWithNewline]) => (lines.length === 0 ? '' : `${lines.join('\n')}${endsWithNewline ? '\n' : ''}`));

function linesOf(text: string): string[] {
  if (text === '') return [];
  return text.replace(/\n$/, '').split('\n');
}

describe('parseUnifiedDiff on real git output', () => {
  it('gives every added and removed line its exact line number', async () => {
    await fc.assert(
      fc.asyncProperty(content, content, async (before, after) => {
        project.write('f.ts', before);
        await project.commitAll('before').catch(() => undefined);
        project.write('f.ts', after);
        const patch = await project.git('diff', '-U0', '--no-color', '--src-prefix=a/', '--dst-prefix=b/', 'HEAD', '--', 'f.ts');
        const files = parseUnifiedDiff(patch);
        const oldLines = linesOf(before);
        const newLines = linesOf(after);
        expect(files).toHaveLength(patch === '' ? 0 : 1);
        const file = files[0] ?? { added: [], removed: [] };
        for (const added of file.added) expect(newLines[added.line - 1]).toBe(added.text);
        for (const removed of file.removed) {
          expect(oldLines[removed.line - 1]).toBe(removed.text);
          expect(removed.at).toBeGreaterThanOrEqual(1);
          expect(removed.at).toBeLessThanOrEqual(newLines.length + 1);
        }
        const keptNew = newLines.filter((_, i) => !file.added.some((a) => a.line === i + 1));
        const keptOld = oldLines.filter((_, i) => !file.removed.some((r) => r.line === i + 1));
        expect(keptNew).toEqual(keptOld);
      }),
      { numRuns: 40 },
    );
  });
});
