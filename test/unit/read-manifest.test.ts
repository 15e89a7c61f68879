import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ignoredModulesRead, innerKey, outerKey } from '../../src/cache/read-manifest.js';

const real = mkdtempSync(path.join(tmpdir(), 'gk-manifest-'));
mkdirSync(path.join(real, 'project'));
const linked = path.join(real, 'linked');
symlinkSync(path.join(real, 'project'), linked, 'dir');
afterAll(() => rmSync(real, { recursive: true, force: true }));

const ignored = ['dist/index.js\0c:1', 'dist/index.d.ts\0c:2', 'generated/api.ts\0c:3', 'dist/package.json\0c:4'];

describe('the read manifest', () => {
  it('names the ignored modules tsc listed, whether it printed the root as given or its real path', () => {
    const project = path.join(real, 'project');
    const listed = [`${project}/src/use.ts`, `${project}/generated/api.ts`, '/usr/lib/node_modules/typescript/lib/lib.d.ts'];
    expect(ignoredModulesRead(project, ignored, listed)).toEqual(['generated/api.ts']);
    // The gate ran in the project reached through a symbolic link; tsc's cwd is the real folder.
    expect(ignoredModulesRead(linked, ignored, listed)).toEqual(['generated/api.ts']);
  });

  it('follows a workspace package linked into node_modules to the ignored file it really is', () => {
    const project = path.join(real, 'project');
    mkdirSync(path.join(project, 'packages', 'b', 'dist'), { recursive: true });
    mkdirSync(path.join(project, 'node_modules'), { recursive: true });
    symlinkSync(path.join(project, 'packages', 'b'), path.join(project, 'node_modules', 'b'), 'dir');
    writeFileSync(path.join(project, 'packages', 'b', 'dist', 'index.d.ts'), 'export declare const b: number;\n');
    const withB = [...ignored, 'packages/b/dist/index.d.ts\0c:5'];
    // preserveSymlinks: tsc names the file by the link it came through.
    expect(ignoredModulesRead(project, withB, [`${project}/src/a.ts`, `${project}/node_modules/b/dist/index.d.ts`])).toEqual(['packages/b/dist/index.d.ts']);
  });

  it('says nothing when the tool named no file inside the project, rather than "it read no ignored file"', () => {
    expect(ignoredModulesRead(path.join(real, 'project'), ignored, ['/elsewhere/src/a.ts'])).toBeUndefined();
  });

  it('keys every non-module ignored file by content, and ignored modules by name until read', () => {
    const base = outerKey('settings', 'tree', ignored);
    expect(outerKey('settings', 'tree', ignored.map((id) => id.replace('dist/index.js\0c:1', 'dist/index.js\0c:9')))).toBe(base);
    expect(outerKey('settings', 'tree', ignored.map((id) => id.replace('dist/package.json\0c:4', 'dist/package.json\0c:9')))).not.toBe(base);
    expect(outerKey('settings', 'tree', ignored.filter((id) => !id.startsWith('dist/index.js')))).not.toBe(base);
    const read = ['generated/api.ts'];
    expect(innerKey(base, ignored.map((id) => id.replace('c:3', 'c:9')), read)).not.toBe(innerKey(base, ignored, read));
    expect(innerKey(base, ignored.map((id) => id.replace('c:1', 'c:9')), read)).toBe(innerKey(base, ignored, read));
    expect(innerKey(base, ignored, [])).not.toBe(innerKey(base, ignored, read));
  });
});
