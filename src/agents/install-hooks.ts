import { existsSync, mkdirSync, readFileSync, rmSync, rmdirSync } from 'node:fs';
import path from 'node:path';
import { parse, type ParseError } from 'jsonc-parser';
import { UserFacingError } from '../core/errors.js';
import { repoRootOf } from '../git/git.js';
import { writeFileAtomic } from '../install/atomic-write.js';
import { setJsonValue } from '../install/json-edit.js';
import type { AgentHost } from './host.js';
import { cliPath, hookCommand, isOurCommand } from './hook-command.js';

/** What install wrote per host, so that uninstall can put the file back byte for byte while nobody else touched it. */
const RECORD = path.join('.gatekeeper', 'agent-install.json');

interface HostRecord {
  file: string;
  /** The file's text before install, or null when install created it. */
  before: string | null;
  after: string;
  /** Folders install created for the file, deepest first. */
  createdDirs: string[];
}

type Records = Record<string, HostRecord>;

function readRecords(repoRoot: string): Records {
  try {
    return JSON.parse(readFileSync(path.join(repoRoot, RECORD), 'utf8')) as Records;
  } catch {
    return {};
  }
}

function writeRecords(repoRoot: string, records: Records): void {
  const file = path.join(repoRoot, RECORD);
  if (Object.keys(records).length === 0) {
    rmSync(file, { force: true });
    return;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic(file, `${JSON.stringify(records, null, 2)}\n`);
}

/** JSON with comments (Claude, Gemini and Cursor settings may have them); refused when it is not an object. */
function parseConfigObject(text: string, file: string): Record<string, unknown> {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true });
  if (errors.length > 0 || value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UserFacingError(`${file} is not a JSON object${errors.length > 0 ? ` (a syntax error at offset ${errors[0]?.offset ?? 0})` : ''}, so Gatekeeper will not edit it. Fix it and run gatekeeper install --agent again.`);
  }
  return value as Record<string, unknown>;
}

function hooksOf(data: Record<string, unknown>, file: string): Record<string, unknown> {
  const hooks = data['hooks'];
  if (hooks === undefined) return {};
  if (hooks === null || typeof hooks !== 'object' || Array.isArray(hooks)) throw new UserFacingError(`${file}: "hooks" is not an object, so Gatekeeper will not edit it. Fix it and run gatekeeper install --agent again.`);
  return hooks as Record<string, unknown>;
}

/** Whether one element of `hooks.<event>` calls Gatekeeper (directly, or in a Claude-style group). */
function mentionsUs(item: unknown, host: string): boolean {
  if (item === null || typeof item !== 'object') return false;
  const record = item as Record<string, unknown>;
  if (isOurCommand(record['command'], host) || isOurCommand(record['bash'], host)) return true;
  return Array.isArray(record['hooks']) && record['hooks'].some((h) => mentionsUs(h, host));
}

function withEntries(text: string, host: AgentHost, file: string, cli: string): string {
  let out = text.trim() === '' ? '{}\n' : text;
  const data = parseConfigObject(out, file);
  for (const [key, value] of Object.entries(host.newFile)) if (data[key] === undefined) out = setJsonValue(out, [key], value);
  const hooks = hooksOf(data, file);
  for (const entry of host.entries((kind) => hookCommand(host, kind, cli))) {
    const existing = hooks[entry.event];
    if (Array.isArray(existing) && existing.some((item) => mentionsUs(item, host.name))) continue;
    out = Array.isArray(existing) ? setJsonValue(out, ['hooks', entry.event, -1], entry.item) : setJsonValue(out, ['hooks', entry.event], [entry.item]);
  }
  return out;
}

function missingDirs(dir: string, stop: string): string[] {
  const created: string[] = [];
  for (let d = dir; d !== stop && !existsSync(d); d = path.dirname(d)) created.push(d);
  return created;
}

function removeIfEmpty(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // not empty any more: someone else keeps files there
  }
}

export interface AgentInstallRequest {
  cwd: string;
  hosts: readonly AgentHost[];
  say(line: string): void;
}

async function repoRootOrFail(cwd: string): Promise<string> {
  const repoRoot = await repoRootOf(cwd);
  if (repoRoot === undefined) throw new UserFacingError(`${cwd} is not inside a git work tree; agent hooks checkpoint the tree at each prompt, which needs one (git init).`);
  return repoRoot;
}

/** `gatekeeper install --agent`: each host's own hook config, merged into what is there; a second run changes nothing. */
export async function installAgentHooks(request: AgentInstallRequest): Promise<void> {
  const repoRoot = await repoRootOrFail(request.cwd);
  const cli = cliPath(repoRoot);
  if (!cli.stable) request.say(`gatekeeper: warning: gatekeeper is not in this project's node_modules, so the hooks call ${cli.path}; install it as a devDependency (npm install --save-dev gatekeeper-cli) and run gatekeeper install --agent again`);
  const records = readRecords(repoRoot);
  for (const host of request.hosts) {
    const file = path.join(repoRoot, host.configFile);
    const before = existsSync(file) ? readFileSync(file, 'utf8') : null;
    const after = withEntries(before ?? '', host, host.configFile, cli.path);
    if (after === before) {
      request.say(`gatekeeper: ${host.configFile}: already has Gatekeeper's ${host.name} hooks — nothing to change`);
      continue;
    }
    const createdDirs = missingDirs(path.dirname(file), repoRoot);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileAtomic(file, after);
    records[host.name] = { file: host.configFile, before, after, createdDirs: createdDirs.map((d) => path.relative(repoRoot, d)) };
    request.say(`gatekeeper: ${host.configFile}: ${before === null ? 'created with' : 'added'} Gatekeeper's ${host.name} hooks (${host.entries(() => '').map((e) => e.event).join(', ')})`);
  }
  writeRecords(repoRoot, records);
}

/** Removes each of our elements from `hooks.<event>`, and the containers that only held them. */
function withoutEntries(text: string, host: AgentHost, file: string): string {
  let out = text;
  const hooks = hooksOf(parseConfigObject(out, file), file);
  for (const [event, list] of Object.entries(hooks)) {
    if (!Array.isArray(list)) continue;
    const ours = list.map((item, i) => (mentionsUs(item, host.name) ? i : -1)).filter((i) => i >= 0);
    if (ours.length === 0) continue;
    if (ours.length === list.length) out = setJsonValue(out, ['hooks', event], undefined);
    else for (const i of ours.reverse()) out = setJsonValue(out, ['hooks', event, i], undefined);
  }
  const data = parseConfigObject(out, file);
  if (Object.keys(hooksOf(data, file)).length === 0 && data['hooks'] !== undefined) out = setJsonValue(out, ['hooks'], undefined);
  return out;
}

/** `gatekeeper uninstall --agent`: exactly what install added; the file as it was when nobody changed it since. */
export async function uninstallAgentHooks(request: AgentInstallRequest): Promise<void> {
  const repoRoot = await repoRootOrFail(request.cwd);
  const records = readRecords(repoRoot);
  for (const host of request.hosts) {
    const file = path.join(repoRoot, host.configFile);
    const record = records[host.name];
    delete records[host.name];
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    if (record !== undefined && record.after === text) {
      if (record.before === null) {
        rmSync(file);
        for (const dir of record.createdDirs) removeIfEmpty(path.join(repoRoot, dir));
      } else writeFileAtomic(file, record.before);
      request.say(`gatekeeper: ${host.configFile}: ${record.before === null ? 'removed (install had created it)' : 'back to what it was before install'}`);
      continue;
    }
    const rest = withoutEntries(text, host, host.configFile);
    if (rest === text) continue;
    writeFileAtomic(file, rest);
    request.say(`gatekeeper: ${host.configFile}: removed Gatekeeper's ${host.name} hooks, kept the rest`);
  }
  writeRecords(repoRoot, records);
}
