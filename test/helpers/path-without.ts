import { existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * PATH as it is, less the named programs. A folder that holds one (/usr/bin, where a global
 * `npm i -g pnpm` puts it) is replaced by a folder of links to everything else in it, so that git,
 * sh and node stay reachable; dropping the whole folder would take those away too.
 */
export function pathWithout(names: readonly string[], searched = process.env['PATH'] ?? ''): string {
  const views = mkdtempSync(path.join(os.tmpdir(), 'gatekeeper-path-'));
  return searched
    .split(path.delimiter)
    .map((dir, i) => {
      if (!names.some((name) => existsSync(path.join(dir, name)))) return dir;
      const view = path.join(views, String(i));
      mkdirSync(view);
      for (const entry of readdirSync(dir)) if (!names.includes(entry)) symlinkSync(path.join(dir, entry), path.join(view, entry));
      return view;
    })
    .join(path.delimiter);
}
