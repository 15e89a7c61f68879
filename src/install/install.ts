import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UserFacingError } from '../core/errors.js';
import { PACKAGE_NAME } from '../core/package-name.js';
import { repoRootOf } from '../git/git.js';
import { writeFileAtomic } from './atomic-write.js';
import { addIgnoreLine, gatekeeperDirIgnored } from './gitignore.js';
import { hasHookLine, hookLine, withHookLine } from './hook-line.js';
import { hookScriptPath, packageHome } from './hook-script.js';
import { findHusky, hooksPathOf, HUSKY_HOOKS_PATH, huskyIsSetUp, runHusky, type HuskyPackage } from './husky.js';
import { PackageJson } from './package-json.js';
import { addDevCommand, detectPackageManager, onPath } from './package-manager.js';
import { dormantHuskyHooks, removeStubs } from './dormant-hooks.js';
import { mergeRecords, readRecord, writeRecord, type InstallRecord } from './record.js';

/** What to do with the repository's other husky hooks that setting core.hooksPath turns on. */
export type OtherHooks = 'on' | 'off';

export interface InstallRequest {
  cwd: string;
  force: boolean;
  say(line: string): void;
  /** From `--other-hooks`; when absent, `ask` decides (a terminal), or install refuses. */
  otherHooks?: OtherHooks;
  /** Asks the person at the terminal a yes/no question; absent when no one can answer. */
  ask?: (question: string) => Promise<boolean>;
}

interface Step {
  repoRoot: string;
  /** Where install was run: a workspace package's folder finds its own Gatekeeper. */
  cwd: string;
  pkg: PackageJson;
  record: InstallRecord;
  changes: string[];
  /** Whether `.husky/` was there before this install (husky itself creates it). */
  huskyDirExisted: boolean;
}

export async function repoRootOrFail(cwd: string): Promise<string> {
  const repoRoot = await repoRootOf(cwd);
  if (repoRoot === undefined) throw new UserFacingError(`${cwd} is not inside a git work tree; the pre-push hook needs one (git init).`);
  return repoRoot;
}

function refuseForeignHooksPath(current: string | undefined, force: boolean): void {
  if (current === undefined || current === HUSKY_HOOKS_PATH || force) return;
  throw new UserFacingError(
    `git's core.hooksPath is already set to "${current}", so another tool manages this repository's hooks. Gatekeeper installs through husky, which needs core.hooksPath=${HUSKY_HOOKS_PATH}, and will not overwrite it silently. Move that tool's hooks to .husky/ and run gatekeeper install --force to take over (gatekeeper uninstall puts "${current}" back), or call the hooks/pre-push script of the gatekeeper package from that tool's pre-push hook yourself.`,
  );
}

/**
 * The project's own package manager adds husky: npm cannot add to a tree pnpm or yarn laid out.
 * When that manager is not on PATH, nothing here can add it safely, so the user is told how.
 */
function installCommand(repoRoot: string): string[] {
  const pm = detectPackageManager(repoRoot);
  if (pm.name !== 'npm' && !onPath(pm.name)) {
    throw new UserFacingError(`husky is not installed, and this is a ${pm.name} project (${pm.why}) but ${pm.name} is not on PATH, so Gatekeeper cannot add it. Add it with ${pm.name} (\`corepack enable\` puts ${pm.name} on PATH; or \`npx ${pm.name} add -D husky@9\`), then run gatekeeper install again.`);
  }
  return addDevCommand(pm.name, 'husky@9');
}

/** husky must be a devDependency and installed; declare it when only installed, install it when neither. */
async function ensureHusky(step: Step): Promise<HuskyPackage> {
  const declared = step.pkg.section('devDependencies')?.['husky'] ?? step.pkg.section('dependencies')?.['husky'];
  let husky = findHusky(step.repoRoot);
  if (husky === undefined && declared) {
    throw new UserFacingError(`husky ${declared} is in package.json but not installed in node_modules. Install the project's dependencies (npm install), then run gatekeeper install again.`);
  }
  if (husky === undefined) {
    const command = installCommand(step.repoRoot);
    step.changes.push(`husky is not installed; ran ${command.join(' ')}`);
    // Loaded on first use: execa is a hundred modules that most commands never need.
    const { execa } = await import('execa');
    const result = await execa(command[0] ?? 'npm', command.slice(1), { cwd: step.repoRoot, reject: false, stdin: 'ignore' });
    husky = findHusky(step.repoRoot);
    if (result.exitCode !== 0 || husky === undefined) {
      throw new UserFacingError(`husky is not installed, and \`${command.join(' ')}\` did not install it (exit code ${String(result.exitCode)}). Run it yourself, then gatekeeper install again.`);
    }
    // The package manager edited package.json itself; read it again before editing further.
    step.pkg = PackageJson.read(step.repoRoot);
    step.record.huskyDevDependency = { createdDevDependencies: false };
    return husky;
  }
  if (!declared) {
    step.record.huskyDevDependency = { createdDevDependencies: step.pkg.section('devDependencies') === undefined };
    step.pkg.set(['devDependencies', 'husky'], `^${husky.version}`);
    step.changes.push(`package.json: added husky ^${husky.version} to devDependencies`);
  }
  return husky;
}

function ensurePrepare(step: Step): void {
  const scripts = step.pkg.section('scripts');
  const previous = scripts?.['prepare'];
  if (previous !== undefined && /(^|[\s;&|])husky($|[\s;&|])/.test(previous)) return;
  const written = previous === undefined || previous.trim() === '' ? 'husky' : `husky && ${previous}`;
  step.pkg.set(['scripts', 'prepare'], written);
  step.record.prepare = { ...(previous !== undefined ? { previous } : {}), written, createdScripts: scripts === undefined };
  step.changes.push(`package.json: "prepare": "${written}"`);
}

/**
 * Decided before anything is changed: the other hooks in `.husky/` come on with core.hooksPath,
 * which a person must agree to. Without `--other-hooks` and without a terminal to ask, install
 * refuses (exit 2) rather than turn on, say, a pre-commit that breaks every `git commit`.
 */
export async function decideOtherHooks(repoRoot: string, current: string | undefined, request: InstallRequest): Promise<{ hooks: string[]; choice: OtherHooks }> {
  const hooks = current === HUSKY_HOOKS_PATH ? [] : dormantHuskyHooks(repoRoot);
  if (hooks.length === 0) return { hooks, choice: 'on' };
  const list = hooks.join(', ');
  if (request.otherHooks) return { hooks, choice: request.otherHooks };
  if (!request.ask) {
    throw new UserFacingError(
      `This repository has husky hooks that are not active on this clone: ${list}. Gatekeeper installs through husky (core.hooksPath=${HUSKY_HOOKS_PATH}), which would turn them on as well. Run gatekeeper install --other-hooks on to turn them on with the pre-push gates, or --other-hooks off to keep them off (their stubs are left out of ${HUSKY_HOOKS_PATH}/ until husky runs again, e.g. on npm install). Nothing was changed.`,
    );
  }
  request.say(`gatekeeper: this repository has husky hooks that are not active on this clone: ${list}; pointing core.hooksPath at husky turns them on.`);
  return { hooks, choice: (await request.ask(`Turn on ${list} as well? [y/N] `)) ? 'on' : 'off' };
}

function sayOtherHooks(step: Step, others: { hooks: string[]; choice: OtherHooks }): void {
  if (others.hooks.length === 0) return;
  const list = others.hooks.join(', ');
  if (others.choice === 'on') step.changes.push(`turned on the repository's other husky hooks as well: ${list}`);
  else step.changes.push(`kept off: ${list} (their stubs are not in ${HUSKY_HOOKS_PATH}/; husky writes them again when it runs, e.g. npm install's prepare — remove or rename those files to keep them off for good)`);
}

async function ensureHooksPath(step: Step, husky: HuskyPackage, current: string | undefined, others: { hooks: string[]; choice: OtherHooks }): Promise<void> {
  if (huskyIsSetUp(step.repoRoot, current)) return;
  const hadStubs = existsSync(path.join(step.repoRoot, HUSKY_HOOKS_PATH));
  // Only this repository's own setting is restored later; a global one comes back by itself.
  const local = await hooksPathOf(step.repoRoot, 'local');
  await runHusky(step.repoRoot, husky);
  if (others.choice === 'off') removeStubs(step.repoRoot, others.hooks);
  sayOtherHooks(step, others);
  if (current !== HUSKY_HOOKS_PATH) step.record.hooksPath = local !== undefined ? { previous: local } : {};
  if (!hadStubs) step.record.huskyStubs = true;
  step.changes.push(`git config core.hooksPath ${HUSKY_HOOKS_PATH} (husky ${husky.version} wrote ${HUSKY_HOOKS_PATH}/)`);
}

function ensureHookLine(step: Step): void {
  const dir = path.join(step.repoRoot, '.husky');
  const file = path.join(dir, 'pre-push');
  const existed = existsSync(file);
  const text = existed ? readFileSync(file, 'utf8') : '';
  if (hasHookLine(text)) return;
  const script = hookScriptPath(step.repoRoot, packageHome(step.cwd, step.repoRoot));
  if (!script.stable) step.changes.push(`warning: gatekeeper is not in this project's node_modules, so .husky/pre-push calls ${script.path}; install it as a devDependency (npm install --save-dev ${PACKAGE_NAME}) and run gatekeeper install again`);
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(file, withHookLine(text, hookLine(script.path)));
  step.record.prePush = { createdFile: !existed, createdDir: !step.huskyDirExisted };
  step.changes.push(`.husky/pre-push: ${existed ? 'added' : 'created with'} the line that runs ${script.path}`);
}

async function ensureIgnored(step: Step): Promise<void> {
  if (await gatekeeperDirIgnored(step.repoRoot)) return;
  const createdFile = !existsSync(path.join(step.repoRoot, '.gitignore'));
  step.record.gitignore = { createdFile, appended: addIgnoreLine(step.repoRoot) };
  step.changes.push('.gitignore: added .gatekeeper/ (run history and snapshots stay local)');
}

/** `gatekeeper install`: husky 9 set up, Gatekeeper's line in `.husky/pre-push`; a second run changes nothing. */
export async function install(request: InstallRequest): Promise<void> {
  const repoRoot = await repoRootOrFail(request.cwd);
  const current = await hooksPathOf(repoRoot);
  refuseForeignHooksPath(current, request.force);
  const others = await decideOtherHooks(repoRoot, current, request);
  const step: Step = { repoRoot, cwd: request.cwd, pkg: PackageJson.read(repoRoot), record: {}, changes: [], huskyDirExisted: existsSync(path.join(repoRoot, '.husky')) };
  const husky = await ensureHusky(step);
  ensurePrepare(step);
  step.pkg.save();
  await ensureHooksPath(step, husky, current, others);
  ensureHookLine(step);
  await ensureIgnored(step);
  if (Object.keys(step.record).length > 0) writeRecord(repoRoot, mergeRecords(readRecord(repoRoot), step.record));
  if (step.changes.length === 0) {
    request.say('gatekeeper: already installed — nothing to change. git push runs the gates through .husky/pre-push.');
    return;
  }
  step.changes.forEach((c) => request.say(`gatekeeper: ${c}`));
  request.say('gatekeeper: installed. Commit package.json, .husky/pre-push and .gitignore; from now on git push runs the gates (git push --no-verify bypasses them).');
}
