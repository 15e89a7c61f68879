import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeProject, type Project } from './helpers/project.js';
import { tsProjectFiles } from './helpers/ts-project.js';

const projects: Project[] = [];
afterAll(() => projects.forEach((p) => p.cleanup()));

/**
 * Every file and its content hash, except Gatekeeper's own folder, git's internals and
 * node_modules (where Gatekeeper's cache and the tools' own caches, such as Vitest's, live).
 */
function treeFingerprint(dir: string, rel = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(path.join(dir, rel))) {
    const relPath = path.join(rel, name);
    if (relPath === '.git' || relPath === '.gatekeeper' || relPath === 'node_modules') continue;
    const full = path.join(dir, relPath);
    if (statSync(full).isDirectory()) Object.assign(out, treeFingerprint(dir, relPath));
    else out[relPath] = createHash('sha256').update(readFileSync(full)).digest('hex');
  }
  return out;
}

describe('guarantees', () => {
  it('gatekeeper run never changes the user\'s files or index outside .gatekeeper/ and node_modules caches', async () => {
    const project = await makeProject('untouched', tsProjectFiles({ typeError: true, lintError: true, failingTest: true }));
    projects.push(project);
    project.write('src/uncommitted.ts', 'export const draft = 1;\n');
    project.write('src/math.ts', `${project.read('src/math.ts')}// an unstaged edit\n`);
    await project.git('add', 'src/uncommitted.ts');
    const before = { files: treeFingerprint(project.dir), status: await project.git('status', '--porcelain=v2'), index: await project.git('ls-files', '-s') };

    const result = await project.gatekeeper(['run', '--json', '--no-fail-fast', '--skip', 'build']);
    expect(result.exitCode).toBe(1);

    expect(treeFingerprint(project.dir)).toEqual(before.files);
    expect(await project.git('status', '--porcelain=v2')).toBe(before.status);
    expect(await project.git('ls-files', '-s')).toBe(before.index);
  });
});
