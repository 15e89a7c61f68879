import path from 'node:path';
import { loadConfig } from '../config/load.js';
import type { GatekeeperConfig } from '../config/schema.js';
import { cacheDirFor } from '../core/cache-dir.js';
import { UserFacingError } from '../core/errors.js';
import { checkpointStamp, createCheckpoint } from '../git/checkpoint.js';
import { repoRootOf } from '../git/git.js';
import { defaultHoldBase } from '../git/hold-base.js';
import type { AgentHost } from './host.js';
import { sessionFile, writeSession, type SessionRecord } from './session-state.js';

export interface AgentProject {
  root: string;
  repoRoot: string;
  config: GatekeeperConfig;
  configFile: string;
  cacheDir: string;
}

/** The project the host's agent works in: its git work tree and Gatekeeper config. */
export async function openProject(cwd: string): Promise<AgentProject> {
  const start = path.resolve(cwd);
  const repoRoot = await repoRootOf(start);
  if (repoRoot === undefined) {
    throw new UserFacingError(`${start} is not inside a git work tree; Gatekeeper checkpoints the tree at each prompt so that the guard has a base to compare with. Run \`git init\` there first.`);
  }
  const { config, file, root } = loadConfig(undefined, start, repoRoot);
  return { root, repoRoot, config, configFile: file, cacheDir: cacheDirFor(root) };
}

/** A checkpoint of the tree as the prompt found it: the guard's base and a point to restore. */
export async function startSession(project: AgentProject, host: AgentHost, session: string, prompt: number): Promise<SessionRecord> {
  const stem = path.basename(sessionFile(project.root, host.name, session), '.json');
  const id = `${checkpointStamp()}-${stem}-p${prompt}`;
  const checkpoint = await createCheckpoint(project.repoRoot, id, `gatekeeper agent-hook: ${host.name} session ${session}, prompt ${prompt}`);
  // The loop's base, for the same reason: the turn passes exactly when a push of its result would.
  const holdBase = project.config.holdTheLine === true ? await defaultHoldBase(project.root) : undefined;
  const record: SessionRecord = { host: host.name, session, prompt, checkpoint: { id, commit: checkpoint.commit, tree: checkpoint.tree }, ...(holdBase ? { holdBase } : {}), stops: [] };
  writeSession(project.root, record);
  return record;
}
