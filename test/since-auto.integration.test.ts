import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GIT_ENV, gate, makeProject, parseJsonReport, TMP, type Project } from './helpers/project.js';
import { complexFunction, tsProjectFiles } from './helpers/ts-project.js';

/**
 * A real bare remote with `main` and `release`; a clone working on `feature`, branched from
 * `release` after release gained a file main does not have. Each base gives a different scope:
 *   base main (default branch)  → src/extra.ts and src/release-only.ts
 *   base release (PR/MR base)   → src/extra.ts only
 */
let upstream: Project;
let root: string;
let remote: string;
let work: string;
let releaseSha: string;

const NO_CI = { GITHUB_ACTIONS: '', GITHUB_BASE_REF: '', GITLAB_CI: '', CI_MERGE_REQUEST_DIFF_BASE_SHA: '' };

async function git(cwd: string, ...args: string[]): Promise<string> {
  return String((await execa('git', args, { cwd, env: GIT_ENV })).stdout).trim();
}

function writeFile(dir: string, file: string, content: string): void {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), content);
}

async function changedFiles(cwd: string, env: Record<string, string>): Promise<{ files: (string | null)[]; exitCode: number; stdout: string }> {
  const result = await upstream.gatekeeper(['run', '--json', '--since', 'auto', '--only', 'complexity'], { cwd, env: { ...NO_CI, ...env } });
  const report = parseJsonReport(result.stdout);
  return { files: gate(report, 'complexity').diagnostics.map((d) => d.file), exitCode: result.exitCode, stdout: result.stdout };
}

beforeAll(async () => {
  upstream = await makeProject('since-auto-upstream', tsProjectFiles());
  root = mkdtempSync(path.join(TMP, 'since-auto-'));
  remote = path.join(root, 'remote.git');
  await git(root, 'clone', '-q', '--bare', upstream.dir, remote);

  // release gains a file that main does not have.
  await git(upstream.dir, 'checkout', '-q', '-b', 'release');
  upstream.write('src/release-only.ts', complexFunction().replace('classify', 'releaseOnly'));
  releaseSha = await upstream.commitAll('release-only work');
  await git(upstream.dir, 'push', '-q', remote, 'release');

  work = path.join(root, 'work');
  await git(root, 'clone', '-q', `file://${remote}`, work);
  await git(work, 'checkout', '-q', '-b', 'feature', 'origin/release');
  writeFile(work, 'src/extra.ts', complexFunction().replace('classify', 'extra'));
  await git(work, 'add', '-A');
  await git(work, 'commit', '-q', '--no-verify', '-m', 'feature work');
  await git(work, 'push', '-q', 'origin', 'feature');
});

afterAll(() => {
  upstream.cleanup();
  rmSync(root, { recursive: true, force: true });
});

describe('--since auto in a clone of a real remote', () => {
  it('on a GitHub pull request, measures from the merge-base with origin/$GITHUB_BASE_REF', async () => {
    const { files, exitCode, stdout } = await changedFiles(work, { GITHUB_ACTIONS: 'true', GITHUB_BASE_REF: 'release' });
    expect(files).toEqual(['src/extra.ts']);
    expect(exitCode).toBe(1);
    // In GitHub Actions, --json still means one JSON object on stdout and nothing else.
    expect(() => JSON.parse(stdout) as unknown).not.toThrow();
  });

  it('on a GitLab merge request, measures from CI_MERGE_REQUEST_DIFF_BASE_SHA', async () => {
    const { files } = await changedFiles(work, { GITLAB_CI: 'true', CI_MERGE_REQUEST_DIFF_BASE_SHA: releaseSha });
    expect(files).toEqual(['src/extra.ts']);
  });

  it('elsewhere, measures from the remote\'s default branch, and says so in the report', async () => {
    const summary = path.join(root, 'summary.md');
    const result = await upstream.gatekeeper(['run', '--since', 'auto', '--only', 'complexity', '--reporter', 'json', '--reporter', `markdown=${summary}`], { cwd: work, env: NO_CI });
    const complexity = gate(parseJsonReport(result.stdout), 'complexity');
    expect(complexity.diagnostics.map((d) => d.file)).toEqual(['src/extra.ts', 'src/release-only.ts']);
    expect(readFileSync(summary, 'utf8')).toContain("Scope: files changed since origin/main, the remote's default branch");
  });

  it('falls back to origin/main when the clone has no origin/HEAD', async () => {
    await git(work, 'remote', 'set-head', 'origin', '--delete');
    try {
      const { files } = await changedFiles(work, {});
      expect(files).toEqual(['src/extra.ts', 'src/release-only.ts']);
    } finally {
      await git(work, 'remote', 'set-head', 'origin', 'main');
    }
  });

  it('in a shallow clone without the base, stops with exit 2 and names the fetch depth to use', async () => {
    const shallow = path.join(root, 'shallow');
    await git(root, 'clone', '-q', '--depth', '1', '--branch', 'feature', `file://${remote}`, shallow);

    const github = await upstream.gatekeeper(['run', '--since', 'auto'], { cwd: shallow, env: { ...NO_CI, GITHUB_ACTIONS: 'true', GITHUB_BASE_REF: 'release' } });
    expect(github.exitCode).toBe(2);
    expect(github.stderr).toContain('shallow clone');
    expect(github.stderr).toContain('`fetch-depth: 0`');
    expect(github.stderr).not.toMatch(/\n\s+at /);
    expect(github.stdout).toBe('');

    const gitlab = await upstream.gatekeeper(['run', '--since', 'auto'], { cwd: shallow, env: { ...NO_CI, GITLAB_CI: 'true', CI_MERGE_REQUEST_DIFF_BASE_SHA: releaseSha } });
    expect(gitlab.exitCode).toBe(2);
    expect(gitlab.stderr).toContain('`GIT_DEPTH: 0`');

    // The base branch fetched one commit deep is there, but its common history with HEAD is not.
    await git(shallow, 'fetch', '-q', '--depth', '1', 'origin', 'release:refs/remotes/origin/release');
    const stillShallow = await upstream.gatekeeper(['run', '--since', 'auto'], { cwd: shallow, env: { ...NO_CI, GITHUB_ACTIONS: 'true', GITHUB_BASE_REF: 'release' } });
    expect(stillShallow.exitCode).toBe(2);
    expect(stillShallow.stderr).toContain('common history of HEAD and the pull request\'s base branch origin/release');

    // With the whole history fetched, the same command scopes the run.
    await git(shallow, 'fetch', '-q', '--unshallow', 'origin', '+refs/heads/*:refs/remotes/origin/*');
    const { files } = await changedFiles(shallow, { GITHUB_ACTIONS: 'true', GITHUB_BASE_REF: 'release' });
    expect(files).toEqual(['src/extra.ts']);
  });

  it('outside CI, with no default branch to find, exits 2 and says how to name a base', async () => {
    const result = await upstream.gatekeeper(['run', '--since', 'auto'], { env: NO_CI });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('refs/remotes/origin/HEAD, origin/main, origin/master');
    expect(result.stderr).toContain('--since REF');
  });
});
