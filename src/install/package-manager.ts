import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export type PackageManagerName = 'npm' | 'pnpm' | 'yarn' | 'bun';

export interface PackageManager {
  name: PackageManagerName;
  /** Why this one ("packageManager is pnpm@9.15.0", "pnpm-lock.yaml exists"). */
  why: string;
}

const LOCKFILES: [string, PackageManagerName][] = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];

/**
 * The project's package manager: package.json's `packageManager` field (Corepack's), else its
 * lockfile, else npm. Scripts must run through it: `npm run build` in a pnpm project runs the
 * pre/post lifecycle scripts that pnpm (without enable-pre-post-scripts) does not.
 */
export function detectPackageManager(root: string): PackageManager {
  try {
    const field = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { packageManager?: unknown }).packageManager;
    const name = typeof field === 'string' ? /^(npm|pnpm|yarn|bun)@/.exec(field)?.[1] : undefined;
    if (name) return { name: name as PackageManagerName, why: `packageManager is ${String(field).split('+')[0] ?? ''}` };
  } catch {
    // no readable package.json: the lockfile decides
  }
  for (const [file, name] of LOCKFILES) {
    if (existsSync(path.join(root, file))) return { name, why: `${file} exists` };
  }
  return { name: 'npm', why: 'no lockfile names another' };
}

/** Whether `command` names an executable file in one of PATH's folders (as `/bin/sh` would find it). */
export function onPath(command: string, pathEnv: string | undefined = process.env['PATH']): boolean {
  const names = process.platform === 'win32' ? [`${command}.cmd`, `${command}.exe`, command] : [command];
  return (pathEnv ?? '').split(path.delimiter).some((dir) => dir !== '' && names.some((name) => isFile(path.join(dir, name))));
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The package manager scripts can run through here. A project may declare pnpm, yarn or bun
 * while this machine has only npm (a contributor who ran `npx pnpm install`, no Corepack shims):
 * a build gate of `pnpm run build` would then never start and block every push, so scripts run
 * through npm — which runs any package.json script — and a note says how to switch back.
 */
export function runnablePackageManager(declared: PackageManager, pathEnv?: string): { packageManager: PackageManager; note?: string } {
  if (declared.name === 'npm' || onPath(declared.name, pathEnv)) return { packageManager: declared };
  return {
    packageManager: { name: 'npm', why: `${declared.why}, but ${declared.name} is not on PATH here` },
    note: `${declared.why}, but ${declared.name} is not on PATH here, so the gates run scripts through npm; once it is (\`corepack enable\` puts it there), run init again to use ${declared.name}`,
  };
}

/** The command that runs a package.json script with this package manager. */
export function runScript(pm: PackageManagerName, script: string): string {
  return `${pm} run ${script}`;
}

/** The command that adds a development dependency with this package manager. */
export function addDevCommand(pm: PackageManagerName, spec: string): string[] {
  return pm === 'npm' ? ['npm', 'install', '--save-dev', spec] : pm === 'yarn' ? ['yarn', 'add', '--dev', spec] : [pm, 'add', '--save-dev', spec];
}

/** The command that runs a package's binary from the project's node_modules with this package manager. */
export function execBin(pm: PackageManagerName, command: string): string {
  return pm === 'npm' ? `npx --no-install ${command}` : pm === 'bun' ? `bunx ${command}` : `${pm} exec ${command}`;
}
