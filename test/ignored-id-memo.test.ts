import { lstatSync, mkdtempSync, rmSync, utimesSync, writeFileSync, type Stats } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openIgnoredIdMemo } from '../src/cache/ignored-id-memo.js';
import { ignoredInputIds } from '../src/cache/ignored-inputs.js';
import { hashText } from '../src/cache/tree-snapshot.js';
import { makeProject, type Project } from './helpers/project.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gatekeeper-memo-'));
const projects: Project[] = [];
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  projects.forEach((p) => p.cleanup());
});

/** Long enough after the file's last change that the memo keeps what was read. */
const settledRead = (file: string): number => Math.max(lstatSync(file).mtimeMs, lstatSync(file).ctimeMs) + 5000;

describe('the ignored files\' id memo, kept between runs (issue #16)', () => {
  it('is trusted in the next process while size, times, inode and mode hold; content rewritten under a restored modification time is read again', async () => {
    const file = path.join(dir, 'out.js');
    writeFileSync(file, 'one\n');
    // A whole second, so that putting it back below is exact.
    const second = Math.floor(Date.now() / 1000) - 3600;
    utimesSync(file, second, second);
    const memoFile = path.join(dir, 'memo-a');
    const first = await openIgnoredIdMemo(memoFile);
    first.learn('out.js', lstatSync(file), 'c:remembered', settledRead(file));
    await first.save(['out.js']);
    expect((await openIgnoredIdMemo(memoFile)).known('out.js', lstatSync(file))).toBe('c:remembered');

    // Same size, modification time put back (`cp -p`, `touch -r`): only the change time moved.
    const before = lstatSync(file);
    do {
      writeFileSync(file, 'two\n');
      utimesSync(file, second, second);
    } while (lstatSync(file).ctimeMs === before.ctimeMs);
    expect(lstatSync(file).mtimeMs).toBe(before.mtimeMs);
    expect((await openIgnoredIdMemo(memoFile)).known('out.js', lstatSync(file))).toBeUndefined();
  });

  it('does not keep a file read within one clock tick of its last change (a second write in the same tick would keep its times)', async () => {
    const file = path.join(dir, 'fresh.js');
    writeFileSync(file, 'fresh\n');
    const info = lstatSync(file);
    // This file system keeps fractions of a second (the kernel sets ctime itself): 100 ms is the margin.
    expect(info.ctimeMs % 1000).not.toBe(0);
    const memoFile = path.join(dir, 'memo-b');
    const memo = await openIgnoredIdMemo(memoFile);
    memo.learn('fresh.js', info, 'c:too-soon', info.ctimeMs + 50);
    await memo.save(['fresh.js']);
    expect((await openIgnoredIdMemo(memoFile)).known('fresh.js', lstatSync(file))).toBeUndefined();
    memo.learn('fresh.js', info, 'c:settled', info.ctimeMs + 150);
    await memo.save(['fresh.js']);
    expect((await openIgnoredIdMemo(memoFile)).known('fresh.js', lstatSync(file))).toBe('c:settled');

    // Times in whole seconds (ext3, HFS+, FAT): one tick is a second or two, so two seconds it is.
    const coarse = Object.assign(Object.create(Object.getPrototypeOf(info) as object) as Stats, info, { mtimeMs: 1_700_000_000_000, ctimeMs: 1_700_000_001_000 });
    const coarseMemo = await openIgnoredIdMemo(path.join(dir, 'memo-b2'));
    coarseMemo.learn('coarse.js', coarse, 'c:too-soon', coarse.ctimeMs + 1500);
    expect(coarseMemo.known('coarse.js', coarse)).toBeUndefined();
    coarseMemo.learn('coarse.js', coarse, 'c:settled', coarse.ctimeMs + 2500);
    expect(coarseMemo.known('coarse.js', coarse)).toBe('c:settled');
  });

  it('forgets files no longer listed, and takes a foreign or torn memo file for an empty one', async () => {
    const [a, b] = [path.join(dir, 'a.js'), path.join(dir, 'b.js')];
    writeFileSync(a, 'a\n');
    writeFileSync(b, 'b\n');
    const memoFile = path.join(dir, 'memo-c');
    const memo = await openIgnoredIdMemo(memoFile);
    memo.learn('a.js', lstatSync(a), 'c:a', settledRead(a));
    memo.learn('b.js', lstatSync(b), 'c:b', settledRead(b));
    await memo.save(['b.js']);
    const next = await openIgnoredIdMemo(memoFile);
    expect([next.known('a.js', lstatSync(a)), next.known('b.js', lstatSync(b))]).toEqual([undefined, 'c:b']);

    for (const text of ['{"format":1,"entries":{}}', 'gatekeeper-ignored-ids-1\0b.js\0', '']) {
      writeFileSync(memoFile, text);
      expect((await openIgnoredIdMemo(memoFile)).known('b.js', lstatSync(b))).toBeUndefined();
    }
  });

  it('gives a run\'s key the remembered id of an unchanged ignored file, and the content\'s id once it changed', async () => {
    const project = await makeProject('memo-run', { '.gitignore': 'dist/\n', 'src.ts': 'export {};\n' });
    projects.push(project);
    project.write('dist/kept.js', 'kept\n');
    const built = path.join(project.dir, 'dist', 'kept.js');
    const memoFile = path.join(dir, 'memo-d');
    const memo = await openIgnoredIdMemo(memoFile);
    memo.learn('dist/kept.js', lstatSync(built), 'c:remembered', settledRead(built));
    await memo.save(['dist/kept.js']);
    expect(await ignoredInputIds(project.dir, undefined, await openIgnoredIdMemo(memoFile))).toEqual(['dist/kept.js\0c:remembered']);

    project.write('dist/kept.js', 'rebuilt\n');
    expect(await ignoredInputIds(project.dir, undefined, await openIgnoredIdMemo(memoFile))).toEqual([`dist/kept.js\0c:${hashText(Buffer.from('rebuilt\n'))}`]);
  });
});
