import { readFileSync } from 'node:fs';
import path from 'node:path';
import { installedTool } from '../core/tool-info.js';
import { PACKAGE_NAME } from '../core/package-name.js';

/** The packages whose version decides each gate kind's verdict, resolved from the user's project. */
const USER_TOOLS: Record<string, readonly string[]> = {
  typecheck: ['typescript'],
  lint: ['eslint', '@biomejs/biome', 'oxlint'],
  test: ['vitest', 'jest'],
};

/** The packages Gatekeeper itself brings that decide a verdict (complexity runs in-process). */
const OWN_TOOLS: Record<string, readonly string[]> = {
  complexity: ['typhonjs-escomplex', '@babel/parser'],
};

function versionFrom(fromFile: string, pkg: string): string {
  return `${pkg}@${installedTool(pkg, pkg, fromFile).version ?? 'missing'}`;
}

let ownVersion: string | undefined;

/** Gatekeeper's own version: a new Gatekeeper may read tool output differently. */
function gatekeeperVersion(): string {
  if (ownVersion !== undefined) return ownVersion;
  let dir = path.dirname(new URL(import.meta.url).pathname);
  for (let i = 0; i < 5; i++, dir = path.dirname(dir)) {
    try {
      const json = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (json.name === PACKAGE_NAME) return (ownVersion = `${PACKAGE_NAME}@${json.version ?? '?'}`);
    } catch {
      // not this folder
    }
  }
  return (ownVersion = 'gatekeeper@unknown');
}

/** Versions of everything that interprets the inputs, for a gate kind. Commands are keyed by their string (in the config). */
export function toolIdentity(kind: string, root: string): string[] {
  const userFile = path.join(root, 'package.json');
  const ownFile = new URL(import.meta.url).pathname;
  return [
    gatekeeperVersion(),
    ...(USER_TOOLS[kind] ?? []).map((pkg) => versionFrom(userFile, pkg)),
    ...(OWN_TOOLS[kind] ?? []).map((pkg) => versionFrom(ownFile, pkg)),
  ];
}
