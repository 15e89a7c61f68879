import { existsSync, readFileSync } from 'node:fs';
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

/** The command that runs a package.json script with this package manager. */
export function runScript(pm: PackageManagerName, script: string): string {
  return `${pm} run ${script}`;
}

/** The command that runs a package's binary from the project's node_modules with this package manager. */
export function execBin(pm: PackageManagerName, command: string): string {
  return pm === 'npm' ? `npx --no-install ${command}` : pm === 'bun' ? `bunx ${command}` : `${pm} exec ${command}`;
}
