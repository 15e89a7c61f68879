import { blocks } from '../core/result.js';
import type { GateResult } from '../core/result.js';
import { describeChanges, newSincePrevious, type ChangeInput } from './digest-changes.js';
import { renderDetail } from './digest/detail.js';
import { viewGate, type GateView, type StandingCounts } from './digest/group.js';
import { changeLines, type AgentChange } from './digest/memory.js';
import { failingFileList, renderOverview } from './digest/overview.js';

export type { AgentChange } from './digest/memory.js';

export const DEFAULT_FEEDBACK_BUDGET = 6000;

export interface DigestInput extends ChangeInput {
  results: readonly GateResult[];
  attempt: number;
  maxAttempts: number;
  task?: string;
  /** Characters the whole digest may use. */
  budget: number;
  /** Where the full logs of this attempt are, repo-relative. */
  logsPath: string;
  readSource(file: string): string[] | undefined;
  /** What the agent's last call changed (from the two checkpoints' diff), for the digest's memory. */
  lastChange?: AgentChange;
  /** Repo-relative path of the file holding `digestFileList` when the overview is cut short (default: the logs folder). */
  fullListPath?: string;
}

/** The head may use at most this share of the budget; the overview aims at half of it. */
const HEAD_SHARE = 0.3;
const OVERVIEW_SHARE = 0.5;

function countsOf(input: DigestInput): StandingCounts {
  const fresh = new Map<string, number>();
  for (const f of newSincePrevious(input)) fresh.set(f.key, (fresh.get(f.key) ?? 0) + 1);
  const earlier = new Set(input.history.slice(0, -1).flatMap((h) => h.map((f) => f.key)));
  const previous = new Set(input.history.at(-1)?.map((f) => f.key) ?? []);
  const returned = new Set([...fresh.keys()].filter((k) => earlier.has(k) && !previous.has(k)));
  return { hasHistory: input.history.length > 0, fresh, returned };
}

function viewsOf(input: DigestInput): GateView[] {
  const seen = new Set<string>();
  const counts = countsOf(input);
  return input.results.filter((r) => blocks(r.status)).map((r) => viewGate(r, seen, counts));
}

/** Whole lines from the top, as many as fit in `room`. */
function keepLines(lines: readonly string[], room: number): string {
  let out = '';
  for (const line of lines) {
    if (out.length + line.length + 1 > room) break;
    out += `${line}\n`;
  }
  return out;
}

function head(input: DigestInput, views: readonly GateView[]): string {
  const room = Math.floor(input.budget * HEAD_SHARE);
  const lines = [`# Gatekeeper feedback after attempt ${input.attempt} of ${input.maxAttempts}`, ''];
  if (input.task !== undefined) {
    const taskRoom = Math.floor(input.budget / 4);
    lines.push('Task:', input.task.length > taskRoom ? `${input.task.slice(0, taskRoom)}… (task cut short; see the task file)` : input.task, '');
  }
  lines.push(...describeChanges(input));
  lines.push(...changeLines(input.lastChange, views.flatMap((v) => v.groups), Math.floor(room / 3)));
  if (input.results.some((r) => r.kind === 'guard')) lines.push('Fix the causes, not the checks: new suppressions, skipped or deleted tests and edits to the gate config are caught by the guard gate.');
  if (lines.at(-1) !== '') lines.push('');
  return keepLines(lines, room);
}

function footer(logsPath: string): string {
  return `\nFull logs: ${logsPath}\n`;
}

/**
 * The feedback an agent gets after a failing gate run, within `budget` characters and the same
 * for the same input, byte for byte: first the whole picture (every failing gate, every failing
 * file with its count, codes and lines), then the detail (same code and message in a file as one
 * entry, one merged excerpt per file, new failures first, a fair share for every gate), and from
 * the second attempt on what the last change did and which failures survived it.
 */
export function buildDigest(input: DigestInput): string {
  const views = viewsOf(input);
  const top = head(input, views);
  const reserve = footer(input.logsPath).length;
  const hardRoom = Math.max(0, input.budget - top.length - reserve - 1);
  const listPath = input.fullListPath ?? input.logsPath;
  const overview = renderOverview(views, Math.min(hardRoom, Math.floor(input.budget * OVERVIEW_SHARE)), hardRoom, listPath);
  // Cut to the hard room (only when even the gate headers do not fit), the overview names no file whole.
  const fits = overview.text.length <= hardRoom;
  const fitted = fits ? overview.text : overview.text.slice(0, hardRoom);
  const detail = renderDetail({
    views,
    room: hardRoom - fitted.length - 1,
    readSource: input.readSource,
    namedInOverview: fits ? overview.exact : new Set(),
    ...(input.lastChange ? { lastChange: input.lastChange } : {}),
  });
  return `${top}${fitted}${detail === '' ? '' : '\n'}${detail}${footer(input.logsPath)}`;
}

/** Every failing gate and every failing file with all its lines: what the overview's "full list" names. */
export function digestFileList(input: Pick<DigestInput, 'results' | 'current' | 'history' | 'fingerprint' | 'fingerprints'>): string {
  const seen = new Set<string>();
  const counts: StandingCounts = { hasHistory: false, fresh: new Map(), returned: new Set() };
  return failingFileList(input.results.filter((r) => blocks(r.status)).map((r) => viewGate(r, seen, counts)));
}

/** The first call of a loop that has a task: the task, and what the gates will check. */
export function taskDigest(task: string, gates: readonly { id: string; kind: string }[], maxAttempts: number): string {
  return `# Gatekeeper task: attempt 1 of ${maxAttempts}\n\n${task}\n\nWhen you are done, these gates must pass: ${gates.map((g) => `${g.id} (${g.kind})`).join(', ')}.\n`;
}
