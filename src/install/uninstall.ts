import { existsSync, readdirSync, readFileSync, rmSync, rmdirSync } from 'node:fs';
import path from 'node:path';
import { git, gitMaybe } from '../git/git.js';
import { writeFileAtomic } from './atomic-write.js';
import { removeIgnoreLine } from './gitignore.js';
import { hasHookLine, withoutHookLine } from './hook-line.js';
import { hooksPathOf, HUSKY_HOOKS_PATH } from './husky.js';
import { repoRootOrFail } from './install.js';
import { PackageJson } from './package-json.js';
import { readRecord, removeRecord, RECORD_FILE, type InstallRecord } from './record.js';

export interface UninstallRequest {
  cwd: string;
  say(line: string): void;
}

function removeHookLine(repoRoot: string, record: InstallRecord | undefined, changes: string[]): void {
  const file = path.join(repoRoot, '.husky', 'pre-push');
  if (!existsSync(file)) return;
  const text = readFileSync(file, 'utf8');
  if (!hasHookLine(text)) return;
  const rest = withoutHookLine(text);
  if (record?.prePush?.createdFile && rest.trim() === '') {
    rmSync(file);
    changes.push('.husky/pre-push: removed (install had created it)');
  } else {
    writeFileAtomic(file, rest);
    changes.push('.husky/pre-push: removed Gatekeeper\'s line, kept the others');
  }
}

async function restoreHooksPath(repoRoot: string, record: InstallRecord, changes: string[]): Promise<void> {
  if (record.hooksPath === undefined || (await hooksPathOf(repoRoot, 'local')) !== HUSKY_HOOKS_PATH) return;
  const previous = record.hooksPath.previous;
  if (previous === undefined) await gitMaybe(['config', '--local', '--unset', 'core.hooksPath'], repoRoot);
  else await git(['config', '--local', 'core.hooksPath', previous], repoRoot);
  changes.push(previous === undefined ? 'git config: core.hooksPath unset' : `git config: core.hooksPath back to "${previous}"`);
  const stubs = path.join(repoRoot, HUSKY_HOOKS_PATH);
  if (record.huskyStubs && existsSync(stubs)) {
    rmSync(stubs, { recursive: true, force: true });
    changes.push(`${HUSKY_HOOKS_PATH}/: removed (husky's generated stubs)`);
  }
  const husky = path.join(repoRoot, '.husky');
  if (record.prePush?.createdDir && existsSync(husky) && readdirSync(husky).length === 0) rmdirSync(husky);
}

function restorePrepare(pkg: PackageJson, prepare: NonNullable<InstallRecord['prepare']>, changes: string[]): void {
  const scripts = pkg.section('scripts') ?? {};
  if (scripts['prepare'] !== prepare.written) return;
  const emptied = prepare.createdScripts && prepare.previous === undefined && Object.keys(scripts).length === 1;
  pkg.set(emptied ? ['scripts'] : ['scripts', 'prepare'], prepare.previous);
  changes.push(prepare.previous === undefined ? 'package.json: removed "prepare": "husky"' : `package.json: "prepare" back to "${prepare.previous}"`);
}

function removeHuskyDependency(pkg: PackageJson, husky: NonNullable<InstallRecord['huskyDevDependency']>, changes: string[]): void {
  const devDependencies = pkg.section('devDependencies') ?? {};
  if (devDependencies['husky'] === undefined) return;
  const emptied = husky.createdDevDependencies && Object.keys(devDependencies).length === 1;
  pkg.set(emptied ? ['devDependencies'] : ['devDependencies', 'husky'], undefined);
  changes.push('package.json: removed husky from devDependencies (npm prune removes the package itself)');
}

function restorePackageJson(repoRoot: string, record: InstallRecord, changes: string[]): void {
  if (!record.prepare && !record.huskyDevDependency) return;
  const pkg = PackageJson.read(repoRoot);
  if (record.prepare) restorePrepare(pkg, record.prepare, changes);
  if (record.huskyDevDependency) removeHuskyDependency(pkg, record.huskyDevDependency, changes);
  pkg.save();
}

function restoreGitignore(repoRoot: string, record: InstallRecord, changes: string[]): void {
  if (!record.gitignore || !removeIgnoreLine(repoRoot, record.gitignore.appended)) return;
  const file = path.join(repoRoot, '.gitignore');
  if (record.gitignore.createdFile && readFileSync(file, 'utf8').trim() === '') rmSync(file);
  changes.push('.gitignore: removed .gatekeeper/');
}

/** `gatekeeper uninstall`: takes back what install recorded it added, and nothing else. */
export async function uninstall(request: UninstallRequest): Promise<void> {
  const repoRoot = await repoRootOrFail(request.cwd);
  const record = readRecord(repoRoot);
  const changes: string[] = [];
  removeHookLine(repoRoot, record, changes);
  if (record) {
    await restoreHooksPath(repoRoot, record, changes);
    restorePackageJson(repoRoot, record, changes);
    restoreGitignore(repoRoot, record, changes);
    removeRecord(repoRoot);
  } else {
    changes.push(`no ${RECORD_FILE} here (install ran in another clone, or never), so husky and its setup stay as they are`);
  }
  changes.forEach((c) => request.say(`gatekeeper: ${c}`));
  request.say('gatekeeper: uninstalled.');
}
