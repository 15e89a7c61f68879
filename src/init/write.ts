import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE } from '../config/load.js';
import type { GateConfig } from '../config/schema.js';
import { UserFacingError } from '../core/errors.js';
import { PACKAGE_NAME } from '../core/package-name.js';
import { writeAtomically } from '../report/output.js';

export const SCHEMA_REF = `./node_modules/${PACKAGE_NAME}/schema/gatekeeper.schema.json`;
const CACHE_IGNORE = '.gatekeeper/';

/**
 * The schema as the editor finds it from the config's folder: in the nearest node_modules that
 * holds Gatekeeper (a workspace hoists it to the root's), else the project's own once installed.
 */
export function schemaRef(root: string): string {
  let dir = path.resolve(root);
  for (;;) {
    const schema = path.join(dir, 'node_modules', PACKAGE_NAME, 'schema', 'gatekeeper.schema.json');
    if (existsSync(schema)) {
      const relative = path.relative(root, schema).split(path.sep).join('/');
      return relative.startsWith('.') ? relative : `./${relative}`;
    }
    const parent = path.dirname(dir);
    if (parent === dir || existsSync(path.join(dir, '.git'))) return SCHEMA_REF;
    dir = parent;
  }
}

export function configText(gates: readonly GateConfig[], schema = SCHEMA_REF): string {
  return `${JSON.stringify({ $schema: schema, holdTheLine: true, gates }, null, 2)}\n`;
}

/** Writes `.gatekeeper.json`; an existing one is replaced only when `force` says so. */
export function writeConfig(root: string, gates: readonly GateConfig[], force: boolean): string {
  const file = path.join(root, CONFIG_FILE);
  if (existsSync(file) && !force) {
    throw new UserFacingError(`${file} already exists; gatekeeper init leaves it as it is. Run gatekeeper init --force to replace it with a freshly detected one.`);
  }
  writeAtomically(file, configText(gates, schemaRef(root)));
  return file;
}

/** Adds `.gatekeeper/` (Gatekeeper's cache and run history) to .gitignore unless a line already covers it. */
export function ignoreCacheDir(root: string): 'added' | 'present' {
  const file = path.join(root, '.gitignore');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const covered = text.split(/\r?\n/).some((line) => /^\/?\.gatekeeper\/?(\*\*?)?$/.test(line.trim()));
  if (covered) return 'present';
  const separator = text === '' || text.endsWith('\n') ? '' : '\n';
  writeAtomically(file, `${text}${separator}${CACHE_IGNORE}\n`);
  return 'added';
}
