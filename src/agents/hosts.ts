import { UserFacingError } from '../core/errors.js';
import { claude } from './claude.js';
import { codex } from './codex.js';
import { copilot } from './copilot.js';
import { cursor } from './cursor.js';
import { gemini } from './gemini.js';
import { HOST_NAMES, type AgentHost } from './host.js';

/** Every host Gatekeeper speaks to; a new host is one file and one line here. */
export const HOSTS: readonly AgentHost[] = [claude, codex, copilot, gemini, cursor];

export function findHost(name: string, flag = '--host'): AgentHost {
  const host = HOSTS.find((h) => h.name === name);
  if (!host) throw new UserFacingError(`${flag} ${name}: not a host Gatekeeper knows; expected one of ${HOSTS.map((h) => h.name).join(', ')}.`);
  return host;
}

/** A comma-separated `--agent` list, each name checked; `all` means every host. */
export function hostsNamed(list: string): AgentHost[] {
  const names = list.split(',').map((n) => n.trim()).filter((n) => n !== '');
  if (names.includes('all')) return [...HOSTS];
  if (names.length === 0) throw new UserFacingError(`--agent needs at least one host name: ${HOST_NAMES.join(', ')} (comma-separated), or all.`);
  return [...new Set(names)].map((n) => findHost(n, '--agent'));
}
