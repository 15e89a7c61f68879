import { describe, expect, it } from 'vitest';
import { selectTests, whyNotImportOnly } from '../gates/test-selection.js';

describe('which tests a change since the last whole-suite pass needs', () => {
  it('runs the related tests when every changed file is a module below the root', () => {
    expect(selectTests({ changed: ['src/a.ts', 'lib/b.mjs', 'src/c.tsx', 'test/a.test.ts'], deleted: [] })).toEqual({
      kind: 'related',
      files: ['src/a.ts', 'lib/b.mjs', 'src/c.tsx', 'test/a.test.ts'],
    });
  });

  it.each([
    ['there is no green record', undefined, 'no earlier whole-suite pass'],
    ['nothing changed (the result cache missed for another reason)', { changed: [], deleted: [] }, 'nothing changed'],
    ['a file was deleted', { changed: ['src/a.ts'], deleted: ['src/b.ts'] }, 'src/b.ts was deleted'],
    ['a JSON file changed', { changed: ['src/a.ts', 'src/data.json'], deleted: [] }, 'src/data.json is not a JavaScript or TypeScript module'],
    ['a snapshot changed', { changed: ['test/__snapshots__/a.test.ts.snap'], deleted: [] }, 'is not a JavaScript or TypeScript module'],
    ['the Vitest config changed', { changed: ['vitest.config.ts'], deleted: [] }, 'sits at the project root'],
    ['a nested config changed', { changed: ['packages/app/vite.config.mts'], deleted: [] }, 'config or setup file'],
    ['a setup file changed', { changed: ['test/setupTests.ts'], deleted: [] }, 'config or setup file'],
    ['a global teardown changed', { changed: ['test/global-teardown.js'], deleted: [] }, 'config or setup file'],
    ['a fixture module changed', { changed: ['test/fixtures/project/index.js'], deleted: [] }, 'fixtures or mocks folder'],
    ['a manual mock changed', { changed: ['src/__mocks__/fs.ts'], deleted: [] }, 'fixtures or mocks folder'],
  ])('runs the whole suite when %s', (_case, changes, reason) => {
    const selection = selectTests(changes);
    expect(selection.kind).toBe('whole');
    expect(selection.kind === 'whole' ? selection.reason : '').toContain(reason);
  });

  it('calls an ordinary module import-only', () => {
    expect(whyNotImportOnly('src/cache/result-store.ts')).toBeUndefined();
  });
});
