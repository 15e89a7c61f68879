import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { UserFacingError } from '../src/core/errors.js';
import { filesChangedBy, groupByTip, parsePushLines, rangeOfRef, type RefUpdate } from '../src/git/push-range.js';
import { GIT_ENV, makeProject, TMP, type Project } from './helpers/project.js';

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

const ZERO = '0'.repeat(40);
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

describe('parsing the ref lines git writes on a pre-push hook\'s stdin', () => {
  it('reads every line, CRLF and blank lines included', () => {
    expect(parsePushLines(`refs/heads/main ${A} refs/heads/main ${B}\r\n\n(delete) ${ZERO} refs/heads/old ${A}\n`)).toEqual([
      { localRef: 'refs/heads/main', localSha: A, remoteRef: 'refs/heads/main', remoteSha: B },
      { localRef: '(delete)', localSha: ZERO, remoteRef: 'refs/heads/old', remoteSha: A },
    ]);
    expect(parsePushLines('')).toEqual([]);
  });

  it('never turns garbage into a ref update: it refuses it or yields only well-formed updates', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        try {
          for (const u of parsePushLines(text)) {
            expect(u.localSha).toMatch(/^[0-9a-f]{40}$/);
            expect(u.remoteSha).toMatch(/^[0-9a-f]{40}$/);
          }
        } catch (error) {
          expect(error).toBeInstanceOf(UserFacingError);
        }
      }),
    );
    for (const bad of [`refs/heads/main ${A} refs/heads/main`, `refs/heads/main ${A.toUpperCase()} refs/heads/main ${B}`, `refs/heads/main  ${A} refs/heads/main ${B}`, `x ${A} y ${B} z`]) {
      expect(() => parsePushLines(bad)).toThrow(UserFacingError);
    }
  });
});

describe('the commits and files each pushed ref brings', () => {
  async function repoWithRemote(): Promise<{ work: Project; remote: string }> {
    const work = await makeProject('range', { 'a.txt': 'a\n' });
    const remote = mkdtempSync(path.join(TMP, 'range-remote-'));
    cleanups.push(() => work.cleanup(), () => rmSync(remote, { recursive: true, force: true }));
    await execa('git', ['init', '-q', '--bare', remote], { env: GIT_ENV });
    await work.git('remote', 'add', 'origin', remote);
    return { work, remote };
  }
  const update = (localRef: string, localSha: string, remoteRef: string, remoteSha = ZERO): RefUpdate => ({ localRef, localSha, remoteRef, remoteSha });

  it('a first push from the root commit puts every file in scope; later pushes only what is new', async () => {
    const { work } = await repoWithRemote();
    const root = (await work.git('rev-parse', 'HEAD')).trim();
    const first = await rangeOfRef(update('refs/heads/main', root, 'refs/heads/main'), 'origin', work.dir);
    expect(first).toMatchObject({ kind: 'new', tip: root, commits: [root], fromRoot: true });
    await work.git('push', '-q', '--no-verify', 'origin', 'main');

    work.write('b.txt', 'b\n');
    const second = await work.commitAll('b');
    work.write('c.txt', 'c\n');
    work.write('b.txt', 'b2\n');
    const third = await work.commitAll('c');
    const range = await rangeOfRef(update('refs/heads/main', third, 'refs/heads/main', root), 'origin', work.dir);
    expect(range).toMatchObject({ kind: 'update', tip: third, commits: [third, second], fromRoot: false, base: root });
    expect(await filesChangedBy(range.commits, work.dir)).toEqual(['b.txt', 'c.txt']);

    // A new branch: only the commits no ref of the remote has, measured from the oldest's parent.
    const newBranch = await rangeOfRef(update('refs/heads/topic', third, 'refs/heads/topic'), 'origin', work.dir);
    expect(newBranch).toMatchObject({ kind: 'new', commits: [third, second], fromRoot: false, base: root });
  });

  it('peels tags, skips refs that bring nothing new, and judges refs at one commit together with the union of their files', async () => {
    const { work } = await repoWithRemote();
    await work.git('push', '-q', '--no-verify', 'origin', 'main');
    const pushedTip = (await work.git('rev-parse', 'HEAD')).trim();
    await work.git('tag', '-a', '-m', 'old release', 'v0', pushedTip);
    const oldTag = (await work.git('rev-parse', 'v0')).trim();
    work.write('x.txt', 'x\n');
    await work.commitAll('x');
    work.write('y.txt', 'y\n');
    const tip = await work.commitAll('y');
    await work.git('tag', '-a', '-m', 'release', 'v1');
    const tagObject = (await work.git('rev-parse', 'v1')).trim();
    expect(tagObject).not.toBe(tip);

    const ranges = [
      await rangeOfRef(update('refs/tags/v0', oldTag, 'refs/tags/v0'), 'origin', work.dir),
      await rangeOfRef(update('refs/tags/v1', tagObject, 'refs/tags/v1'), 'origin', work.dir),
      await rangeOfRef(update('refs/heads/main', tip, 'refs/heads/main', pushedTip), 'origin', work.dir),
      await rangeOfRef(update('(delete)', ZERO, 'refs/heads/gone', pushedTip), 'origin', work.dir),
    ];
    expect(ranges.map((r) => [r.kind, r.tip, r.commits.length])).toEqual([
      ['new', pushedTip, 0],
      ['new', tip, 2],
      ['update', tip, 2],
      ['delete', undefined, 0],
    ]);
    const targets = groupByTip(ranges);
    expect(targets).toHaveLength(1);
    expect(targets[0]?.ranges.map((r) => r.update.remoteRef)).toEqual(['refs/tags/v1', 'refs/heads/main']);
    expect(await filesChangedBy(targets[0]?.commits ?? [], work.dir)).toEqual(['x.txt', 'y.txt']);
  });

  it('a force push whose old remote commit is unknown here counts what no ref of the remote has', async () => {
    const { work } = await repoWithRemote();
    await work.git('push', '-q', '--no-verify', 'origin', 'main');
    work.write('z.txt', 'z\n');
    const tip = await work.commitAll('z');
    const range = await rangeOfRef(update('refs/heads/main', tip, 'refs/heads/main', 'c'.repeat(40)), 'origin', work.dir);
    expect(range).toMatchObject({ kind: 'force', commits: [tip] });
  });
});
