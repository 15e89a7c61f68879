import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDirFor } from '../core/cache-dir.js';
import { configFileFor, readConfigText, type LoadedConfig } from './find.js';
import type { GatekeeperConfig } from './schema.js';

/**
 * The config as validation returned it, kept beside the result cache and keyed by the file's exact
 * text and by this build of Gatekeeper. Validating needs zod and every gate's option schema — most
 * of what a run whose gates are all cache hits would load (issue #16) — while the config changes
 * rarely. Only a config that passed validation is kept, so a broken one is always validated again
 * and reported in the same words.
 */
interface Entry {
  key: string;
  config: GatekeeperConfig;
}

/** This build of Gatekeeper: a rebuild (new schema, new defaults) writes its files anew. */
function buildStamp(): string {
  try {
    const own = statSync(fileURLToPath(import.meta.url));
    return `${own.size}:${own.mtimeMs}:${own.ino}`;
  } catch {
    return `unknown:${process.pid}:${Date.now()}`;
  }
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function entryFile(root: string, file: string): string {
  return path.join(cacheDirFor(root), 'config', `${hash(file).slice(0, 16)}.json`);
}

function readEntry(at: string, key: string): GatekeeperConfig | undefined {
  try {
    const entry = JSON.parse(readFileSync(at, 'utf8')) as Partial<Entry>;
    return entry.key === key && entry.config && Array.isArray(entry.config.gates) ? entry.config : undefined;
  } catch {
    return undefined;
  }
}

/** Atomic (temp file + rename); a cache that cannot be written only costs the next start some time. */
function writeEntry(at: string, entry: Entry): void {
  const temp = `${at}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(path.dirname(at), { recursive: true });
    writeFileSync(temp, JSON.stringify(entry));
    renameSync(temp, at);
  } catch {
    try {
      unlinkSync(temp);
    } catch {
      // never written
    }
  }
}

/**
 * loadConfig (load.ts) with the validation skipped when this very text passed it before under this
 * build: same file, same errors, same result.
 */
export async function loadValidatedConfig(configPath: string | undefined, cwd: string, repoRoot: string | undefined): Promise<LoadedConfig> {
  const file = configFileFor(configPath, cwd, repoRoot);
  const text = readConfigText(file);
  const root = path.dirname(file);
  const key = hash(`${buildStamp()}\0${text}`);
  const at = entryFile(root, file);
  const known = readEntry(at, key);
  if (known) return { config: known, file, root };
  const { parseConfig } = await import('./load.js');
  const config = parseConfig(text, file);
  writeEntry(at, { key, config });
  return { config, file, root };
}
