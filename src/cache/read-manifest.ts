import { realpathSync } from 'node:fs';
import path from 'node:path';
import { hashText } from './tree-snapshot.js';

/**
 * Git-ignored files a tool that names what it read (tsc's --listFiles) would name if it read them:
 * modules, declarations, source maps. Any other ignored file (a package.json beside a built
 * module, a .env) is keyed by content all the same, for a tool may read it without saying so.
 */
const MODULE_FILE = /\.(?:[cm]?[jt]sx?|map)$/;

function pathOf(ignoredId: string): string {
  return ignoredId.slice(0, ignoredId.indexOf('\0'));
}

/**
 * The first of two keys for a gate whose tool names the files it read (ccache's "manifest"): every
 * tracked file, the names of all ignored files, and the content of every ignored file that is not
 * a module. Under it the store keeps which ignored modules the last run read; the second key adds
 * their content. A typecheck keyed so is not re-run because a build rewrote a dist/ it never read.
 */
export function outerKey(settings: string, trackedTree: string, ignored: readonly string[]): string {
  const lines = ignored.map((id) => (MODULE_FILE.test(pathOf(id)) ? pathOf(id) : id));
  return hashText(`reads\n${settings}\n${trackedTree}\n${lines.join('\n')}`);
}

/** The second key: the first, and the content of the ignored modules in `read` (root-relative paths). */
export function innerKey(outer: string, ignored: readonly string[], read: readonly string[]): string {
  const wanted = new Set(read);
  const lines = ignored.filter((id) => wanted.has(pathOf(id)));
  // The list itself is part of the key: an entry made by a run that read other files never matches.
  return hashText(`read\n${outer}\n${[...wanted].sort().join('\n')}\n${lines.join('\n')}`);
}

function inside(root: string, file: string): string | undefined {
  const rel = path.relative(root, file);
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? undefined : rel.split(path.sep).join('/');
}

/**
 * Of the ignored modules, those the tool named (absolute paths), relative to `root`; undefined
 * when it named nothing inside the project under either of its paths — a tool whose paths cannot
 * be told apart from ours (the root reached through a symbolic link, say) must not be read as
 * having read no ignored file at all.
 */
export function ignoredModulesRead(root: string, ignored: readonly string[], readFiles: readonly string[]): string[] | undefined {
  const roots = [...new Set([path.resolve(root), realpathOr(root)])];
  const named = new Set<string>();
  for (const file of readFiles) {
    for (const absolute of namesOf(path.resolve(root, file))) {
      for (const r of roots) {
        const rel = inside(r, absolute);
        if (rel !== undefined) named.add(rel);
      }
    }
  }
  if (named.size === 0) return undefined;
  return ignored.map(pathOf).filter((rel) => MODULE_FILE.test(rel) && named.has(rel));
}

const THROUGH_PACKAGES = `${path.sep}node_modules${path.sep}`;

/**
 * A file and, when it was reached through node_modules, where it really is: under
 * `preserveSymlinks` tsc names a workspace package's built types by the link
 * (node_modules/b/dist/index.d.ts), and the ignored file is packages/b/dist/index.d.ts.
 */
function namesOf(absolute: string): string[] {
  if (!absolute.includes(THROUGH_PACKAGES)) return [absolute];
  const real = realpathOr(absolute);
  return real === absolute ? [absolute] : [absolute, real];
}

function realpathOr(root: string): string {
  try {
    return realpathSync(root);
  } catch {
    return path.resolve(root);
  }
}
