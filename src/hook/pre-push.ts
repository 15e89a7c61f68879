import path from 'node:path';
import { EXIT, UserFacingError } from '../core/errors.js';
import { repoRootOf } from '../git/git.js';
import { groupByTip, parsePushLines, pushedFiles, rangeOfRef, type PushTarget, type RefRange } from '../git/push-range.js';
import { resolveCommit } from '../git/scope.js';
import { hasUncommittedWork } from '../git/snapshot.js';
import { recordRun } from '../history/record-run.js';
import { bypassFromEnv, bypassNotes, type Bypass } from './bypass.js';
import { judgeTarget } from './judge-target.js';
import { findHookProjects, touches, type HookProject } from './projects.js';
import { blockedLines, noVerdictLines, refNames } from './verdict.js';
import { monotonicMs } from '../core/clock.js';

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

function checkSkipIds(skip: readonly string[], projects: readonly HookProject[]): void {
  const known = [...new Set(projects.flatMap((p) => p.loaded.config.gates.map((g) => g.id)))];
  const unknown = skip.filter((id) => !known.includes(id));
  if (unknown.length > 0) {
    const files = projects.map((p) => (p.rel === '' ? path.basename(p.loaded.file) : `${p.rel}/${path.basename(p.loaded.file)}`)).join(', ');
    throw new UserFacingError(`GATEKEEPER_SKIP names ${unknown.map((id) => `"${id}"`).join(', ')}, but ${files} ${projects.length === 1 ? 'has' : 'have'} no gate with that id; the gates are ${known.join(', ')}.`);
  }
}

/** GATEKEEPER_SKIP ids that this project has (another project may own the rest). */
function skipFor(project: HookProject, skip: readonly string[]): string[] {
  return skip.filter((id) => project.loaded.config.gates.some((g) => g.id === id));
}

interface Context {
  request: PrePushRequest;
  repoRoot: string;
  bypass: Bypass;
  started: number;
  /** Whether the work tree has uncommitted work (then every commit is judged in a snapshot). */
  dirty?: boolean;
}

function elapsed(context: Context): number {
  return Math.round(monotonicMs() - context.started);
}

async function judgeProject(context: Context, project: HookProject, target: PushTarget, inPlace: boolean): Promise<number> {
  const { request, repoRoot, bypass } = context;
  const where = inPlace ? 'in the work tree' : `in a snapshot of ${target.tip.slice(0, 12)} (${context.dirty ? 'the work tree has uncommitted changes' : 'it is not the checked-out commit'})`;
  const which = project.rel === '' ? '' : ` (project ${project.rel}/)`;
  request.say(`gatekeeper: checking ${refNames(target)}${which} ${where}`);
  const skip = skipFor(project, bypass.skip);
  const { exitCode, results } = await judgeTarget({ repoRoot, configFile: project.loaded.file, projectRoot: project.loaded.root, target, inPlace, skip, signal: request.signal, say: request.say });
  const outcome = exitCode === EXIT.passed ? 'passed' : 'failed';
  const extra = { commit: target.tip, remote: request.remoteName, refs: target.ranges.map((r) => r.update.remoteRef), ...(project.rel === '' ? {} : { project: project.rel }) };
  await recordRun(repoRoot, 'hook', outcome, elapsed(context), results, bypassNotes(bypass), extra);
  if (exitCode !== EXIT.passed) blockedLines(results, target, !inPlace).forEach((line) => request.say(line));
  return exitCode;
}

/** Each pushed commit, judged by every project whose folder holds a file the push changes. */
async function judgeAll(context: Context, projects: readonly HookProject[], targets: PushTarget[]): Promise<number> {
  const { request, repoRoot } = context;
  const head = await resolveCommit('HEAD', repoRoot);
  for (const target of targets) {
    const inPlace = !context.dirty && head === target.tip;
    const files = await pushedFiles(target, repoRoot);
    const judged = projects.filter((p) => touches(p, files));
    if (judged.length === 0) {
      const names = projects.map((p) => `${p.rel}/`).join(', ');
      request.say(`gatekeeper: ${refNames(target)} changes no file in ${names}, the folders with a .gatekeeper.json; nothing to check.`);
      continue;
    }
    for (const project of judged) {
      const exitCode = await judgeProject(context, project, target, inPlace);
      if (exitCode !== EXIT.passed) return exitCode;
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
  const projects = await findHookProjects(repoRoot, request.cwd);
  checkSkipIds(bypass.skip, projects);
  if (bypass.skip.length > 0) request.say(`gatekeeper: GATEKEEPER_SKIP — skipping gate${bypass.skip.length === 1 ? '' : 's'} ${bypass.skip.join(', ')} for this push.`);
  const ranges: RefRange[] = [];
  for (const update of updates) ranges.push(await rangeOfRef(update, request.remoteName, repoRoot));
  ranges.forEach((range) => request.say(`gatekeeper: ${describeRange(range)}`));
  const targets = groupByTip(ranges);
  if (targets.length === 0) return EXIT.passed;
  context.dirty = await hasUncommittedWork(repoRoot);
  return judgeAll(context, projects, targets);
}

/**
 * `gatekeeper hook pre-push`: the verdict on the commits being pushed. Any error on the way
 * (config, stdin, git, a crash) blocks the push with a message that says how to bypass.
 */
export async function runPrePush(request: PrePushRequest): Promise<number> {
  const started = monotonicMs();
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
    if (repoRoot !== undefined) await recordRun(repoRoot, 'hook', 'errored', Math.round(monotonicMs() - started), [], [], { remote: request.remoteName, error: message.split('\n')[0] ?? '' });
    return exitCode;
  }
}
