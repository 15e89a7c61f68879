import { chmodSync, readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCheckpoint, listCheckpoints, restoreCheckpoint, workTreeHash } from '../src/git/checkpoint.js';
import { makeProject, type Project } from './helpers/project.js';

const projects: Project[] = [];
afterAll(() => projects.forEach((p) => p.cleanup()));

/** Every file under the project but .git, with its bytes and mode. */
function snapshot(dir: string, skip: readonly string[] = ['.git']): Map<string, { bytes: string; mode: number }> {
  const out = new Map<string, { bytes: string; mode: number }>();
  const walk = (rel: string): void => {
    for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const file = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (skip.includes(file)) continue;
      if (entry.isDirectory()) walk(file);
      else out.set(file, { bytes: readFileSync(path.join(dir, file)).toString('base64'), mode: statSync(path.join(dir, file)).mode & 0o777 });
    }
  };
  walk('');
  return out;
}

async function gitState(project: Project): Promise<{ head: string; branch: string; staged: string; status: string }> {
  return {
    head: (await project.git('rev-parse', 'HEAD')).trim(),
    branch: (await project.git('symbolic-ref', 'HEAD')).trim(),
    staged: await project.git('diff', '--cached', '--name-status'),
    status: await project.git('status', '--porcelain', '--untracked-files=all'),
  };
}

async function messyProject(): Promise<Project> {
  const binary = Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 37) % 256)).toString('latin1');
  const project = await makeProject('checkpoint', {
    '.gitignore': 'ignored/\n.gatekeeper/\n',
    'src/a.ts': 'export const a = 1;\n',
    'src/b.ts': 'export const b = 2;\n',
    'bin/run.sh': '#!/bin/sh\necho run\n',
    'assets/blob.bin': binary,
  });
  chmodSync(path.join(project.dir, 'bin/run.sh'), 0o755);
  await project.commitAll('executable');
  // Work the user has not committed: a staged change, an unstaged one, an untracked file, an ignored one.
  project.write('src/b.ts', 'export const b = 3; // staged\n');
  await project.git('add', 'src/b.ts');
  project.write('src/a.ts', 'export const a = 10; // unstaged\n');
  project.write('notes/todo.txt', 'untracked notes\n');
  project.write('ignored/cache.txt', 'ignored\n');
  projects.push(project);
  return project;
}

describe('checkpoints of the work tree', () => {
  it('record tracked changes and untracked files without touching the index, HEAD, the branch or the files', async () => {
    const project = await messyProject();
    const before = await gitState(project);
    const files = snapshot(project.dir);
    const checkpoint = await createCheckpoint(project.dir, '20260101T000000000Z-a01', 'first');

    expect(await gitState(project)).toEqual(before);
    expect(snapshot(project.dir)).toEqual(files);
    expect((await project.git('rev-parse', 'refs/gatekeeper/checkpoints/20260101T000000000Z-a01')).trim()).toBe(checkpoint.commit);
    expect((await project.git('rev-parse', `${checkpoint.commit}^`)).trim()).toBe(before.head);
    const recorded = (await project.git('ls-tree', '-r', '--name-only', checkpoint.commit)).split('\n').sort();
    expect(recorded).toEqual(['.gitignore', 'assets/blob.bin', 'bin/run.sh', 'notes/todo.txt', 'src/a.ts', 'src/b.ts']);
    expect(await project.git('show', `${checkpoint.commit}:src/a.ts`)).toBe('export const a = 10; // unstaged');
    expect(await workTreeHash(project.dir)).toBe(checkpoint.tree);
    project.write('.gatekeeper/feedback.md', 'the loop\'s own files are not the user\'s work');
    expect(await workTreeHash(project.dir)).toBe(checkpoint.tree);
  });

  it('restore brings back every file byte for byte and mode for mode, and removes files added since', async () => {
    const project = await messyProject();
    const before = await gitState(project);
    const files = snapshot(project.dir);
    const start = await createCheckpoint(project.dir, '20260101T000000000Z-a01', 'start');

    project.remove('src');
    project.remove('assets');
    project.remove('notes');
    project.write('bin/run.sh', 'rewritten');
    chmodSync(path.join(project.dir, 'bin/run.sh'), 0o644);
    project.write('added/deep/new.ts', 'new');
    project.write('ignored/cache.txt', 'the agent touched an ignored file');
    await createCheckpoint(project.dir, '20260101T000000000Z-end', 'end');

    // An hour in the past: a rewrite by the restore, however soon, would show as a new mtime.
    const anHourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(path.join(project.dir, '.gitignore'), anHourAgo, anHourAgo);
    const untouched = statSync(path.join(project.dir, '.gitignore')).mtimeMs;
    const result = await restoreCheckpoint(project.dir, start.id);
    expect(result.removed).toEqual(['added/deep/new.ts']);
    // Only what differs is written: an unchanged file keeps its timestamp, so tools' caches stay warm.
    expect(statSync(path.join(project.dir, '.gitignore')).mtimeMs).toBe(untouched);
    const restored = snapshot(project.dir);
    // Ignored files are not the checkpoint's business: the ignored one keeps what it has now.
    expect(restored.get('ignored/cache.txt')?.bytes).toBe(Buffer.from('the agent touched an ignored file').toString('base64'));
    restored.delete('ignored/cache.txt');
    files.delete('ignored/cache.txt');
    expect(restored).toEqual(files);
    expect(statSync(path.join(project.dir, 'added'), { throwIfNoEntry: false })).toBeUndefined();
    expect(await gitState(project)).toEqual(before);
  });

  it('refuses to overwrite changes no checkpoint holds, unless forced, and then saves them first', async () => {
    const project = await messyProject();
    const start = await createCheckpoint(project.dir, '20260101T000000000Z-a01', 'start');
    project.write('src/a.ts', 'precious unrecorded work\n');

    await expect(restoreCheckpoint(project.dir, start.id)).rejects.toThrow(/uncommitted changes that differ from the latest checkpoint \(20260101T000000000Z-a01\).*--force/);
    expect(project.read('src/a.ts')).toBe('precious unrecorded work\n');

    const forced = await restoreCheckpoint(project.dir, start.id, { force: true });
    expect(project.read('src/a.ts')).toBe('export const a = 10; // unstaged\n');
    expect(forced.safety).toBeDefined();
    expect(await project.git('show', `${forced.safety?.commit ?? ''}:src/a.ts`)).toBe('precious unrecorded work');
    const ids = (await listCheckpoints(project.dir)).map((c) => c.id);
    expect(ids).toEqual([start.id, forced.safety?.id]);
    await expect(restoreCheckpoint(project.dir, 'no-such')).rejects.toThrow(/No checkpoint "no-such": the latest is/);
    // The tree is now the start's, which a checkpoint holds: going forward again needs no --force.
    await restoreCheckpoint(project.dir, forced.safety?.id ?? '');
    expect(project.read('src/a.ts')).toBe('precious unrecorded work\n');
    await restoreCheckpoint(project.dir, start.id);
    expect(project.read('src/a.ts')).toBe('export const a = 10; // unstaged\n');
  });

  it('sees a same-size edit made in the same second the index was written (git\'s racily clean entries)', async () => {
    const project = await makeProject('checkpoint-racy', { 'a.txt': 'one\n' });
    projects.push(project);
    // Start just after a second boundary, so that the add and the edit share their second.
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 20));
    project.write('a.txt', 'two\n');
    await project.git('add', 'a.txt');
    project.write('a.txt', 'six\n');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const checkpoint = await createCheckpoint(project.dir, 'racy', 'racy');
    expect(await project.git('show', `${checkpoint.commit}:a.txt`)).toBe('six');
  });

  it('works in a repository without any commit yet', async () => {
    const project = await makeProject('checkpoint-empty', { 'a.txt': 'one\n' }, { git: false });
    projects.push(project);
    await project.git('init', '-q', '-b', 'main');
    const start = await createCheckpoint(project.dir, 'x1', 'start');
    project.remove('a.txt');
    project.write('b.txt', 'two\n');
    await restoreCheckpoint(project.dir, start.id, { force: true });
    expect(snapshot(project.dir)).toEqual(new Map([['a.txt', { bytes: Buffer.from('one\n').toString('base64'), mode: 0o644 }]]));
  });
});
