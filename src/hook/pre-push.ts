import path from 'node:path';
import { loadConfig, type LoadedConfig } from '../config/load.js';
import { EXIT, UserFacingError } from '../core/errors.js';
import { repoRootOf } from '../git/git.js';
import { groupByTip, parsePushLines, rangeOfRef, type PushTarget, type RefRange } from '../git/push-range.js';
import { resolveCommit } from '../git/scope.js';
import { hasUncommittedWork } from '../git/snapshot.js';
import { recordRun } from '../history/record-run.js';
import { bypassFromEnv, bypassNotes, type Bypass } from './bypass.js';
import { judgeTarget } from './judge-target.js';
import { blockedLines, noVerdictLines, refNames } from './verdict.js';

export interface PrePushRequest {
  /** The remote's name as git passes it (its URL when the push named a URL rather than a remote). */
  remoteName: string;
  cwd: string;
  /** Reads what git wrote on stdin; called only when the hook needs the ref lines. */
  input: () => Promise<string>;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  say(line: string): void;
}

const KIND_WORDS: Record<RefRange['kind'], string> = { delete: 'deleted', 'not-a-commit': 'not a commit', new: 'new', update: 'update', force: 'forced update' };

function describeRange(range: RefRange): string {
  const count = range.commits.length;
  const commits = range.kind === 'delete' || range.kind === 'not-a-commit' ? '' : `, ${count} new commit${count === 1 ? '' : 's'}`;
  return `${range.update.remoteRef}: ${KIND_WORDS[range.kind]}${commits}${count === 0 ? ', nothing to check' : ''}`;
}

function checkSkipIds(skip: readonly string[], loaded: LoadedConfig): void {
  const known = loaded.config.gates.map((g) => g.id);
  const unknown = skip.filter((id) => !known.includes(id));
  if (unknown.length > 0) {
    throw new UserFacingError(`GATEKEEPER_SKIP names ${unknown.map((id) => `"${id}"`).join(', ')}, but ${path.basename(loaded.file)} has no gate with that id; the gates are ${known.join(', ')}.`);
  }
}

interface Context {
  request: PrePushRequest;
  repoRoot: string;
  bypass: Bypass;
  started: number;
}

function elapsed(context: Context): number {
  return Math.round(performance.now() - context.started);
}

async function judgeAll(context: Context, loaded: LoadedConfig, targets: PushTarget[]): Promise<number> {
  const { request, repoRoot, bypass } = context;
  const dirty = await hasUncommittedWork(repoRoot);
  const head = await resolveCommit('HEAD', repoRoot);
  for (const target of targets) {
    const inPlace = !dirty && head === target.tip;
    const how = inPlace ? 'in the work tree' : `in a snapshot of ${target.tip.slice(0, 12)} (${dirty ? 'the work tree has uncommitted changes' : 'it is not the checked-out commit'})`;
    request.say(`gatekeeper: checking ${refNames(target)} ${how}`);
    const { exitCode, results } = await judgeTarget({ repoRoot, configFile: loaded.file, projectRoot: loaded.root, target, inPlace, skip: bypass.skip, signal: request.signal, say: request.say });
    const outcome = exitCode === EXIT.passed ? 'passed' : 'failed';
    await recordRun(repoRoot, 'hook', outcome, elapsed(context), results, bypassNotes(bypass), { commit: target.tip, remote: request.remoteName, refs: target.ranges.map((r) => r.update.remoteRef) });
    if (exitCode !== EXIT.passed) {
      blockedLines(results, target, !inPlace).forEach((line) => request.say(line));
      return exitCode;
    }
  }
  return EXIT.passed;
}

async function decide(context: Context): Promise<number> {
  const { request, repoRoot, bypass } = context;
  if (bypass.off) {
    request.say(`gatekeeper: ${bypass.off} — the pre-push gates are skipped for this push.`);
    await recordRun(repoRoot, 'hook', 'bypassed', 0, [], bypassNotes(bypass), { remote: request.remoteName });
    return EXIT.passed;
  }
  const updates = parsePushLines(await request.input());
  if (updates.length === 0) return EXIT.passed;
  const loaded = loadConfig(undefined, request.cwd, repoRoot);
  checkSkipIds(bypass.skip, loaded);
  if (bypass.skip.length > 0) request.say(`gatekeeper: GATEKEEPER_SKIP — skipping gate${bypass.skip.length === 1 ? '' : 's'} ${bypass.skip.join(', ')} for this push.`);
  const ranges: RefRange[] = [];
  for (const update of updates) ranges.push(await rangeOfRef(update, request.remoteName, repoRoot));
  ranges.forEach((range) => request.say(`gatekeeper: ${describeRange(range)}`));
  const targets = groupByTip(ranges);
  if (targets.length === 0) return EXIT.passed;
  return judgeAll(context, loaded, targets);
}

/**
 * `gatekeeper hook pre-push`: the verdict on the commits being pushed. Any error on the way
 * (config, stdin, git, a crash) blocks the push with a message that says how to bypass.
 */
export async function runPrePush(request: PrePushRequest): Promise<number> {
  const started = performance.now();
  let repoRoot: string | undefined;
  try {
    repoRoot = await repoRootOf(request.cwd);
    if (repoRoot === undefined) throw new UserFacingError(`${request.cwd} is not inside a git work tree.`);
    return await decide({ request, repoRoot, bypass: bypassFromEnv(request.env), started });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const exitCode = error instanceof UserFacingError ? error.exitCode : EXIT.internal;
    noVerdictLines(exitCode === EXIT.internal ? `internal error: ${message}` : message).forEach((line) => request.say(line));
    if (exitCode === EXIT.internal && request.env['GATEKEEPER_DEBUG'] && error instanceof Error) request.say(error.stack ?? '');
    if (repoRoot !== undefined) await recordRun(repoRoot, 'hook', 'errored', Math.round(performance.now() - started), [], [], { remote: request.remoteName, error: message.split('\n')[0] ?? '' });
    return exitCode;
  }
}
