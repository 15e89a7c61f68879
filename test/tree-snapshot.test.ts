import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashText, takeSnapshot } from '../src/cache/tree-snapshot.js';
import { sinceScope, wholeProjectListing, wholeProjectScope } from '../src/git/scope.js';
import { makeProject, REPO, type Project } from './helpers/project.js';

const projects: Project[] = [];
afterAll(() => projects.forEach((p) => p.cleanup()));

describe('the tree snapshot', () => {
  it('takes git\'s blob id for unmodified files and hashes only modified and untracked ones', async () => {
    const project = await makeProject('snapshot', { '.gitignore': 'ignored.txt\n', 'kept.txt': 'kept\n', 'edited.txt': 'before\n', 'gone.txt': 'gone\n', 'sub/deep.txt': 'deep\n' });
    projects.push(project);
    project.write('edited.txt', 'after\n');
    project.remove('gone.txt');
    project.write('new.txt', 'new\n');
    project.write('ignored.txt', 'ignored\n');

    const snapshot = await takeSnapshot(project.dir, project.dir);
    const blob = (await project.git('hash-object', 'kept.txt')).trim();
    expect(snapshot?.files.get('kept.txt')).toBe(`100644:${blob}`);
    expect(snapshot?.files.get('edited.txt')).toBe(`w:${hashText('after\n')}`);
    expect(snapshot?.files.get('new.txt')).toBe(`w:${hashText('new\n')}`);
    expect(snapshot?.files.has('gone.txt')).toBe(false);
    expect(snapshot?.files.has('ignored.txt')).toBe(false);

    // From a sub-folder project, paths are relative to it and the rest of the repository is out.
    project.write('sub/deep.txt', 'deeper\n');
    const sub = await takeSnapshot(`${project.dir}/sub`, project.dir);
    expect([...(sub?.files.keys() ?? [])]).toEqual(['deep.txt']);
    expect(sub?.files.get('deep.txt')).toBe(`w:${hashText('deeper\n')}`);
  });

  it('gives the scope the files that exist (deleted, skip-worktree-and-gone and dangling links left out), from the listing the first key reuses', async () => {
    const project = await makeProject('scope-read', { '.gitignore': 'ignored.txt\n', 'kept.txt': 'kept\n', 'gone.txt': 'gone\n', 'sparse.txt': 'sparse\n', 'staged-gone.txt': 'x\n', 'sub/deep.txt': 'deep\n' });
    projects.push(project);
    symlinkSync('nowhere', `${project.dir}/dangling`);
    await project.commitAll('link');
    project.remove('gone.txt');
    await project.git('update-index', '--skip-worktree', 'sparse.txt');
    project.remove('sparse.txt');
    await project.git('rm', '-q', 'staged-gone.txt');
    project.write('new file.txt', 'new\n');
    project.write('ignored.txt', 'ignored\n');

    const { scope, listing } = await wholeProjectListing(project.dir, true);
    expect(scope.files).toEqual(['.gitignore', 'kept.txt', 'new file.txt', 'sub/deep.txt']);
    expect(listing?.staged.get('kept.txt')).toBe(`100644:${(await project.git('hash-object', 'kept.txt')).trim()}`);

    const since = await sinceScope('HEAD', project.dir);
    expect(since.files).toEqual(['new file.txt']);
    const sub = await wholeProjectScope(`${project.dir}/sub`, true);
    expect(sub.files).toEqual(['deep.txt']);
  });

  it('is undefined outside git and in a folder its repository ignores: nothing can be keyed reliably', async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), 'gatekeeper-nogit-'));
    writeFileSync(path.join(outside, 'a.txt'), 'a\n');
    try {
      expect(await takeSnapshot(outside, outside)).toBeUndefined();
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
    // test/.tmp is ignored by Gatekeeper's own repository.
    const ignored = await makeProject('snapshot-ignored', { 'a.txt': 'a\n' }, { git: false });
    projects.push(ignored);
    expect(await takeSnapshot(ignored.dir, REPO)).toBeUndefined();
  });
});

describe('git asked together (one shell, one pipe per command)', () => {
  it('answers each command as git alone does: output, exit code, file names with spaces and newlines, and a folder outside any repository', async () => {
    const { gitTogether } = await import('../src/git/git-together.js');
    const { runGit } = await import('../src/git/git.js');
    const project = await makeProject('together', { '.gitignore': 'dist/\n', 'a b.txt': 'a\n', 'dist/out.js': 'x\n', "it's\nodd.txt": 'odd\n' });
    projects.push(project);
    project.write('untracked.txt', 'u\n');
    const commands = [
      ['rev-parse', '--show-toplevel', '--verify', '--quiet', 'HEAD'],
      ['ls-files', '-z', '-t', '-s', '--cached', '--others', '--modified', '--deleted', '--exclude-standard', '--', '.'],
      ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory', '--', '.'],
      ['rev-parse', '--verify', '--quiet', 'no-such-ref'],
    ];
    const together = await gitTogether(commands, project.dir);
    const alone = await Promise.all(commands.map((args) => runGit(args, project.dir)));
    expect(together.map((o) => [o.exitCode, o.stdout])).toEqual(alone.map((o) => [o.exitCode, o.stdout]));
    expect(together[1]?.stdout).toContain("it's\nodd.txt");
    expect(together[3]?.exitCode).toBe(1);

    const outside = mkdtempSync(path.join(os.tmpdir(), 'gatekeeper-no-repo-'));
    try {
      const [rev] = await gitTogether([commands[0] ?? []], outside);
      expect(rev?.exitCode).toBe(128);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
