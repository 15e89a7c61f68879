import { copyFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { runGates, type RunResponse } from '../run/run-gates.js';
import type { Scope } from '../core/scope.js';
import { scopeOfFiles } from '../git/scope.js';
import { pushedFiles, type PushTarget } from '../git/push-range.js';
import { withSnapshot } from '../git/snapshot.js';
import { rootPushHoldBase } from '../git/hold-base.js';
import { topLevels, type CopiedIgnored } from '../git/copy-ignored.js';
import { terminalReporter } from '../report/terminal/terminal.js';

export interface JudgeRequest {
  repoRoot: string;
  /** The config file in the work tree, and the project folder that holds it. */
  configFile: string;
  projectRoot: string;
  target: PushTarget;
  /** Run in the work tree itself: it is clean and checked out at the pushed commit. */
  inPlace: boolean;
  skip: string[];
  signal: AbortSignal;
  say(line: string): void;
}

/** Repo-relative paths to paths relative to the project folder; files outside the project drop out. */
function underProject(files: readonly string[], projectRel: string): string[] {
  if (projectRel === '') return [...files];
  const prefix = `${projectRel.split(path.sep).join('/')}/`;
  return files.filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length));
}

async function pushScope(target: PushTarget, repoRoot: string, projectRoot: string, projectRel: string): Promise<Scope> {
  const files = underProject(await pushedFiles(target, repoRoot), projectRel);
  const description = `${target.commits.length} pushed commit${target.commits.length === 1 ? '' : 's'}`;
  const scope = scopeOfFiles(projectRoot, files, target.base, target.fromRoot ? `every file (${description} from a root commit)` : `files changed in ${description}`);
  return target.fromRoot ? { ...scope, mode: 'all' } : scope;
}

async function runIn(dir: string, request: JudgeRequest, projectRel: string): Promise<RunResponse> {
  const projectRoot = path.join(dir, projectRel);
  return runGates({
    cwd: projectRoot,
    place: request.inPlace ? 'work-tree' : 'snapshot',
    scope: await pushScope(request.target, request.repoRoot, projectRoot, projectRel),
    ...(request.skip.length > 0 ? { skip: request.skip, skipReason: 'skipped by GATEKEEPER_SKIP' } : {}),
    // The push range's base is git's answer, not the snapshot's HEAD (which is the pushed commit itself).
    holdBase: request.target.base !== undefined && !request.target.fromRoot
      ? { commit: request.target.base, why: 'the base of the push range' }
      : await rootPushHoldBase(request.target.tip, request.repoRoot),
    reporters: [terminalReporter()],
    signal: request.signal,
    ledger: false,
  });
}

/** A snapshot is the pushed commit plus the work tree's ignored files: say which, since they were not pushed. */
function sayWhatDiffers(ignored: CopiedIgnored, say: (line: string) => void): void {
  const count = (n: number): string => `${n} file${n === 1 ? '' : 's'}`;
  if (ignored.copied.length > 0) {
    say(`gatekeeper: the snapshot has the work tree's git-ignored ${topLevels(ignored.copied).join(', ')} (${count(ignored.copied.length)}, as built in the work tree, not from the pushed commit).`);
  }
  if (ignored.left.length > 0) say(`gatekeeper: not copied into the snapshot (over the size limit): ${topLevels(ignored.left).join(', ')} (${count(ignored.left.length)}).`);
}

/** The gates on one pushed commit: in the work tree when it is that commit and clean, else in a snapshot of it. */
export async function judgeTarget(request: JudgeRequest): Promise<RunResponse> {
  const projectRel = path.relative(request.repoRoot, request.projectRoot);
  if (request.inPlace) return runIn(request.repoRoot, request, projectRel);
  return withSnapshot(request.repoRoot, request.target.tip, [projectRel], async (dir, ignored) => {
    sayWhatDiffers(ignored, request.say);
    const snapshotConfig = path.join(dir, path.relative(request.repoRoot, request.configFile));
    if (!existsSync(snapshotConfig)) {
      // The pushed commit has no config of its own (it is not committed yet): the work tree's decides.
      copyFileSync(request.configFile, snapshotConfig);
      request.say(`gatekeeper: ${path.basename(request.configFile)} is not in the pushed commit; using the work tree's.`);
    }
    return runIn(dir, request, projectRel);
  });
}
