import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_NAME } from '../core/package-name.js';
import type { AgentHost, HookKind } from './host.js';

/** This Gatekeeper's own package folder (dist/src/agents/ and the bundle's dist/bundle/cli/ are three levels down). */
const OWN_PACKAGE = fileURLToPath(new URL('../../../', import.meta.url));
/** The bundled CLI starts fastest (an edit hook pays start-up on every edit); the tsc build where there is no bundle. */
const MAINS = [path.join('dist', 'bundle', 'cli', 'main.js'), path.join('dist', 'src', 'cli', 'main.js')];

function mainIn(pkg: string): string | undefined {
  return MAINS.map((m) => path.join(pkg, m)).find((m) => existsSync(m));
}

function shellQuote(p: string): string {
  return /^[\w./$"-]+$/.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`;
}

/**
 * The CLI a host should run, as install's pre-push line finds its script: the copy in the project's
 * node_modules when there is one (it moves with `npm install`, and `node` on it starts in a fraction
 * of `npx`'s time), else this package's own when it lies inside the repository, else an absolute path.
 */
export function cliPath(repoRoot: string): { path: string; stable: boolean } {
  const installed = mainIn(path.join(repoRoot, 'node_modules', PACKAGE_NAME));
  if (installed !== undefined) return { path: path.relative(repoRoot, installed).split(path.sep).join('/'), stable: true };
  const own = mainIn(OWN_PACKAGE) ?? path.join(OWN_PACKAGE, MAINS[1] ?? '');
  const relative = path.relative(repoRoot, own);
  if (!relative.startsWith('..') && !path.isAbsolute(relative)) return { path: relative.split(path.sep).join('/'), stable: true };
  return { path: own, stable: false };
}

/** Marks a hook entry as Gatekeeper's, so that install adds it once and uninstall finds exactly it. */
export function isOurCommand(command: unknown, host: string): boolean {
  return typeof command === 'string' && command.includes(' agent-hook ') && command.includes(`--host ${host}`);
}

/**
 * `node <cli> agent-hook <kind> --host <name> --timeout <s>`: the timeout the host was given is
 * passed along, so that the hook answers before the host stops waiting. Claude Code may run hooks
 * from a subfolder, so its relative path is anchored at `$CLAUDE_PROJECT_DIR`, as its docs advise.
 */
export function hookCommand(host: AgentHost, kind: HookKind, cli: string): string {
  const anchored = host.name === 'claude' && !path.isAbsolute(cli) ? `"$CLAUDE_PROJECT_DIR"/${cli}` : cli;
  return `node ${shellQuote(anchored)} agent-hook ${kind} --host ${host.name} --timeout ${host.timeouts[kind]}`;
}
