import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../core/errors.js';
import { NPX } from '../core/package-name.js';
import type { GatekeeperConfig } from './schema.js';

// Finding and reading the config file, apart from its validation (load.ts): this part loads no zod
// and no gate, so a run whose config is already known valid (validated-config.ts) starts without them.

export const CONFIG_FILE = '.gatekeeper.json';

export const MINIMAL_EXAMPLE = '{ "gates": [ { "id": "types", "kind": "typecheck" }, { "id": "tests", "kind": "test" } ] }';

export interface LoadedConfig {
  config: GatekeeperConfig;
  /** Absolute path of the config file. */
  file: string;
  /** The project root: the folder that holds the config. */
  root: string;
}

/** From `start` up to `stopAt` (the repository root), the first folder that holds a config. */
export function findConfig(start: string, stopAt: string | undefined): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir || (stopAt !== undefined && path.resolve(dir) === path.resolve(stopAt))) return undefined;
    dir = parent;
  }
}

/** The config file a command uses: --config, else the nearest one up to the repository root. */
export function configFileFor(configPath: string | undefined, cwd: string, repoRoot: string | undefined): string {
  const file = configPath !== undefined ? path.resolve(cwd, configPath) : findConfig(cwd, repoRoot);
  if (file === undefined) {
    throw new ConfigError(
      `No ${CONFIG_FILE} found in ${cwd}${repoRoot && path.resolve(repoRoot) !== path.resolve(cwd) ? ` or its parents up to ${repoRoot}` : ''}. Create one with \`${NPX} init\` (it detects your tools), or write one at the repository root, for example ${MINIMAL_EXAMPLE}, or name one with --config PATH.`,
    );
  }
  return file;
}

/** The config file's text; a folder, a missing or an unreadable file is a ConfigError naming it. */
export function readConfigText(file: string): string {
  try {
    if (statSync(file).isDirectory()) throw new ConfigError(`Config ${file} is a folder; expected a JSON file.`);
    return readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(
      code === 'ENOENT'
        ? `Config file ${file} does not exist. Create it, for example ${MINIMAL_EXAMPLE}, or leave out --config to use ${CONFIG_FILE} at the repository root.`
        : `Config file ${file} could not be read (${code ?? String(error)}).`,
    );
  }
}
