import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { GIT_ENV, makeProject, REPO, TMP, type Project } from './project.js';
import { mathSource, TSCONFIG } from './ts-project.js';

/** A command gate that fails when a file under src/ contains FORBIDDEN: a fast stand-in for a real check. */
export const CHECK_SCRIPT = `import { readdirSync, readFileSync } from 'node:fs';
let bad = 0;
for (const name of readdirSync('src')) {
  if (readFileSync('src/' + name, 'utf8').includes('FORBIDDEN')) { console.error('src/' + name + ': FORBIDDEN found'); bad++; }
}
process.exit(bad > 0 ? 1 : 0);
`;

export const TYPES_AND_GUARD = { gates: [{ id: 'types', kind: 'typecheck' }, { id: 'guard', kind: 'command', command: 'node check.mjs' }] };
export const GUARD_ONLY = { gates: [{ id: 'guard', kind: 'command', command: 'node check.mjs' }] };

export function hookFixtureFiles(config: object): Record<string, string> {
  return {
    'package.json': `${JSON.stringify({ name: 'fixture', private: true, type: 'module' }, null, 2)}\n`,
    'tsconfig.json': TSCONFIG,
    '.gitignore': 'node_modules\n',
    '.gatekeeper.json': `${JSON.stringify(config, null, 2)}\n`,
    'check.mjs': CHECK_SCRIPT,
    'src/math.ts': mathSource({}),
  };
}

export interface PushResult {
  exitCode: number;
  output: string;
}

export interface HookRepo {
  work: Project;
  remoteDir: string;
  push(args: string[], env?: Record<string, string>): Promise<PushResult>;
  remoteSha(ref: string): Promise<string | undefined>;
  cleanup(): void;
}

/** The fixture's node_modules links husky and Gatekeeper itself, as `npm install` would put them there. */
export function linkPackages(work: Project, packages: { husky?: boolean; gatekeeper?: boolean } = { husky: true, gatekeeper: true }): void {
  mkdirSync(path.join(work.dir, 'node_modules'), { recursive: true });
  if (packages.husky) symlinkSync(path.join(REPO, 'node_modules', 'husky'), path.join(work.dir, 'node_modules', 'husky'), 'dir');
  if (packages.gatekeeper) symlinkSync(REPO, path.join(work.dir, 'node_modules', 'gatekeeper-cli'), 'dir');
}

/**
 * A work repo with Gatekeeper installed by `gatekeeper install` (committed), and a bare remote
 * that already has main. Pushes are real `git push` calls that go through husky.
 */
export async function makeHookRepo(name: string, config: object = GUARD_ONLY, files: Record<string, string> = hookFixtureFiles(config)): Promise<HookRepo> {
  const work = await makeProject(name, files);
  mkdirSync(TMP, { recursive: true });
  const remoteDir = mkdtempSync(path.join(TMP, `${name}-remote-`));
  await execa('git', ['init', '-q', '--bare', remoteDir], { env: GIT_ENV });
  linkPackages(work);
  const installed = await work.gatekeeper(['install']);
  if (installed.exitCode !== 0) throw new Error(`gatekeeper install failed: ${installed.stdout}${installed.stderr}`);
  await work.commitAll('install gatekeeper');
  await work.git('remote', 'add', 'origin', remoteDir);
  await work.git('push', '-q', '--no-verify', 'origin', 'main');
  return {
    work,
    remoteDir,
    async push(args, env = {}) {
      const result = await execa('git', ['push', ...args], { cwd: work.dir, reject: false, all: true, env: { ...GIT_ENV, CI: 'true', NO_COLOR: '1', HUSKY: '', GATEKEEPER: '', GATEKEEPER_SKIP: '', ...env } });
      return { exitCode: result.exitCode ?? -1, output: String(result.all) };
    },
    async remoteSha(ref) {
      const result = await execa('git', ['rev-parse', '--verify', '--quiet', ref], { cwd: remoteDir, reject: false, env: GIT_ENV });
      return result.exitCode === 0 ? String(result.stdout).trim() : undefined;
    },
    cleanup() {
      work.cleanup();
      rmSync(remoteDir, { recursive: true, force: true });
    },
  };
}
