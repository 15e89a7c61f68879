import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { readLedger } from '../src/history/ledger.js';
import { CHECK_SCRIPT, linkPackages } from './helpers/hook-repo.js';
import { GIT_ENV, makeProject, TMP, type Project } from './helpers/project.js';

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

const GUARD = `${JSON.stringify({ gates: [{ id: 'guard', kind: 'command', command: 'node check.mjs' }] }, null, 2)}\n`;

function workspacePackage(name: string): Record<string, string> {
  return {
    [`packages/${name}/package.json`]: `${JSON.stringify({ name, private: true, type: 'module' }, null, 2)}\n`,
    [`packages/${name}/.gatekeeper.json`]: GUARD,
    [`packages/${name}/check.mjs`]: CHECK_SCRIPT,
    [`packages/${name}/src/index.ts`]: `export const ${name} = 1;\n`,
  };
}

/** An npm workspace: no config at the root, one per package; Gatekeeper and husky hoisted to the root. */
async function workspace(name: string): Promise<{ work: Project; push(args: string[]): Promise<{ exitCode: number; output: string }> }> {
  const work = await makeProject(name, {
    'package.json': `${JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'] }, null, 2)}\n`,
    '.gitignore': 'node_modules\n',
    'README.md': '# mono\n',
    ...workspacePackage('lib'),
    ...workspacePackage('app'),
  });
  const remote = mkdtempSync(path.join(TMP, `${name}-remote-`));
  cleanups.push(() => {
    work.cleanup();
    rmSync(remote, { recursive: true, force: true });
  });
  await execa('git', ['init', '-q', '--bare', remote], { env: GIT_ENV });
  linkPackages(work);
  const installed = await work.gatekeeper(['install'], { cwd: path.join(work.dir, 'packages', 'lib') });
  expect(installed.exitCode, installed.stdout + installed.stderr).toBe(0);
  await work.commitAll('install gatekeeper');
  await work.git('remote', 'add', 'origin', remote);
  await work.git('push', '-q', '--no-verify', 'origin', 'main');
  return {
    work,
    async push(args) {
      const result = await execa('git', ['push', ...args], { cwd: work.dir, reject: false, all: true, env: { ...GIT_ENV, CI: 'true', NO_COLOR: '1', HUSKY: '', GATEKEEPER: '', GATEKEEPER_SKIP: '' } });
      return { exitCode: result.exitCode ?? -1, output: String(result.all) };
    },
  };
}

describe('a project in a subfolder of its repository (a workspace package)', () => {
  it('install run in packages/lib writes a hook that finds packages/lib/.gatekeeper.json and judges its files', async () => {
    const { work, push } = await workspace('sub-install');
    const hook = readFileSync(path.join(work.dir, '.husky', 'pre-push'), 'utf8');
    expect(hook).toContain('node_modules/gatekeeper-cli/hooks/pre-push');

    work.write('packages/lib/src/bad.ts', 'export const bad = "FORBIDDEN";\n');
    await work.commitAll('break lib');
    const blocked = await push(['origin', 'main']);
    expect(blocked.output).toContain('(project packages/lib/)');
    expect(blocked.output).toContain('src/bad.ts: FORBIDDEN found');
    expect(blocked.output).not.toContain('No .gatekeeper.json found');
    expect(blocked.exitCode).not.toBe(0);

    work.remove('packages/lib/src/bad.ts');
    await work.commitAll('fix lib');
    const passed = await push(['origin', 'main']);
    expect(passed.output).toContain('all gates passed');
    expect(passed.exitCode).toBe(0);
    const judged = readLedger(work.dir).filter((e) => e.command === 'hook');
    expect(judged.map((e) => [e.outcome, e['project']])).toEqual([
      ['failed', 'packages/lib'],
      ['passed', 'packages/lib'],
    ]);
  });

  it('judges each project on the pushed files under it, and only those projects', async () => {
    const { work, push } = await workspace('sub-two');
    work.write('packages/app/src/bad.ts', 'export const bad = "FORBIDDEN";\n');
    await work.commitAll('break app');
    const blocked = await push(['origin', 'main']);
    expect(blocked.output).toContain('(project packages/app/)');
    expect(blocked.output).not.toContain('(project packages/lib/)');
    expect(blocked.output).toMatch(/gate "guard" \(command, failed\)/);
    expect(blocked.exitCode).not.toBe(0);

    // A commit that touches both: the broken app still blocks, and lib is judged too.
    work.write('packages/lib/src/more.ts', 'export const more = 2;\n');
    await work.commitAll('touch lib as well');
    const both = await push(['origin', 'main']);
    expect(both.exitCode).not.toBe(0);
    expect(both.output).toContain('src/bad.ts: FORBIDDEN found');

    work.remove('packages/app/src/bad.ts');
    await work.commitAll('fix app');
    const fixed = await push(['origin', 'main']);
    expect(fixed.output).toContain('(project packages/lib/)');
    expect(fixed.output).toContain('(project packages/app/)');
    expect(fixed.exitCode).toBe(0);

    // Outside every project: said, and nothing to block.
    work.write('README.md', '# mono, documented\n');
    await work.commitAll('docs');
    const docs = await push(['origin', 'main']);
    expect(docs.output).toContain('changes no file in packages/app/, packages/lib/');
    expect(docs.exitCode).toBe(0);
  });

  it('init in packages/lib points $schema at the Gatekeeper the workspace hoisted to the root', async () => {
    const work = await makeProject('sub-init', {
      'package.json': `${JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'] }, null, 2)}\n`,
      'packages/lib/package.json': `${JSON.stringify({ name: 'lib', private: true }, null, 2)}\n`,
      'packages/lib/src/index.ts': 'export const lib = 1;\n',
    });
    cleanups.push(() => work.cleanup());
    linkPackages(work);
    const lib = path.join(work.dir, 'packages', 'lib');
    const result = await work.gatekeeper(['init'], { cwd: lib });
    expect(result.exitCode, result.stderr).toBe(0);
    const schema = (JSON.parse(work.read('packages/lib/.gatekeeper.json')) as { $schema: string }).$schema;
    expect(schema).toBe('../../node_modules/gatekeeper-cli/schema/gatekeeper.schema.json');
    expect(existsSync(path.resolve(lib, schema))).toBe(true);
  });
});
