import { describe, expect, it } from 'vitest';
import { parseListing } from '../../src/git/work-tree-listing.js';

describe('parseListing (`git ls-files -z -t -s --cached --others --modified --deleted`)', () => {
  it('keeps stage-0 blob ids, marks modified, deleted, conflicted and untracked paths as dirty, lists the index once', () => {
    const records = [
      '? new.txt',
      'H 100644 aaaa 0\tkept.txt',
      'H 100644 bbbb 0\tedited.txt',
      'C 100644 bbbb 0\tedited.txt',
      'H 100644 cccc 0\tgone.txt',
      'R 100644 cccc 0\tgone.txt',
      'C 100644 cccc 0\tgone.txt',
      'M 100644 dddd 1\tboth.txt',
      'M 100644 eeee 2\tboth.txt',
      'M 100644 ffff 3\tboth.txt',
      'S 100644 9999 0\tsparse/out.txt',
      'H 100644 1111 0\twith\ttab and space.txt',
    ];
    const listing = parseListing(`${records.join('\0')}\0`);
    expect(Object.fromEntries(listing.staged)).toEqual({
      'kept.txt': '100644:aaaa',
      'edited.txt': '100644:bbbb',
      'gone.txt': '100644:cccc',
      'sparse/out.txt': '100644:9999',
      'with\ttab and space.txt': '100644:1111',
    });
    expect(listing.dirty.sort()).toEqual(['both.txt', 'edited.txt', 'gone.txt', 'new.txt']);
    expect(listing.untracked).toEqual(['new.txt']);
    expect(listing.cached.sort()).toEqual(['both.txt', 'edited.txt', 'gone.txt', 'kept.txt', 'sparse/out.txt', 'with\ttab and space.txt']);
  });
});
