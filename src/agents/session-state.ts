import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Failure } from '../loop/fingerprint.js';
import type { HoldBase } from '../git/hold-base.js';
import { writeFileAtomic } from '../install/atomic-write.js';

/** One stop of the current prompt: what the gates found and the tree they judged. */
export interface StopRecord {
  attempt: number;
  fingerprint: string | null;
  tree: string;
  failures: Failure[];
  outcome: string;
}

/**
 * What Gatekeeper remembers of one host session, in `.gatekeeper/agents/`: the prompt's checkpoint
 * (the guard's base) and the stops since it. The host's own re-entry flags are only hints; this
 * record is what counts the attempts.
 */
export interface SessionRecord {
  host: string;
  session: string;
  /** Prompts seen so far; 0 when the first event was a stop (the hooks were installed mid-session). */
  prompt: number;
  checkpoint: { id: string; commit: string; tree: string };
  /** With "holdTheLine": the base the stops compare with, found when the turn started (before the agent could move HEAD). */
  holdBase?: HoldBase;
  stops: StopRecord[];
  /** Set when a stop ended this prompt's turn (passed or not verified); the next stop starts over. */
  closed?: string;
}

export const SESSIONS_DIR = path.join('.gatekeeper', 'agents');

/** A file name for any session id: readable when the id is tame, unique either way. */
export function sessionFile(root: string, host: string, session: string): string {
  const tame = session.replace(/[^\w.-]/g, '_').slice(0, 60);
  const hash = createHash('sha256').update(`${host}\0${session}`).digest('hex').slice(0, 8);
  return path.join(root, SESSIONS_DIR, `${host}-${tame}-${hash}.json`);
}

/** The record, or undefined when there is none or it is unreadable (then the stop starts a new one). */
export function readSession(root: string, host: string, session: string): SessionRecord | undefined {
  try {
    const value = JSON.parse(readFileSync(sessionFile(root, host, session), 'utf8')) as SessionRecord;
    return value.host === host && value.session === session && Array.isArray(value.stops) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function writeSession(root: string, record: SessionRecord): void {
  const file = sessionFile(root, record.host, record.session);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic(file, `${JSON.stringify(record, null, 2)}\n`);
}
