import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UserFacingError } from '../core/errors.js';
import { allPassed, type GateResult } from '../core/result.js';
import { toJson } from '../report/json.js';

export const FEEDBACK_FILE = path.join('.gatekeeper', 'feedback.md');

/** Where one loop keeps everything it saw: .gatekeeper/runs/<run-id>/attempt-<n>/. */
export class RunLogs {
  readonly dir: string;

  constructor(
    private readonly root: string,
    readonly runId: string,
  ) {
    this.dir = path.join(root, '.gatekeeper', 'runs', runId);
  }

  /**
   * Makes the loop's folder before anything else happens: a tree where it cannot exist (a file
   * named .gatekeeper, a read-only disk) stops the loop with one clear paragraph before the first
   * agent call, instead of an internal error halfway through the first attempt.
   */
  create(): void {
    try {
      mkdirSync(this.dir, { recursive: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why =
        code === 'ENOTDIR' || code === 'EEXIST'
          ? `${path.join(this.root, '.gatekeeper')} (or a folder inside it) is a file, not a folder; move or remove it`
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : code === 'EROFS'
              ? 'the file system is read-only'
              : (error instanceof Error ? error.message : String(error));
      throw new UserFacingError(`gatekeeper loop cannot create its folder ${this.dir}: ${why}. The loop keeps each attempt's gate logs and the agent's feedback (.gatekeeper/feedback.md) there, and calls no agent without them.`);
    }
  }

  attemptDir(n: number): string {
    return path.join(this.dir, `attempt-${n}`);
  }

  /** Repo-relative spelling for the digest, forward slashes. */
  relativeAttemptDir(n: number): string {
    return `${path.relative(this.root, this.attemptDir(n)).split(path.sep).join('/')}/`;
  }

  writeGates(n: number, results: readonly GateResult[]): void {
    const dir = this.attemptDir(n);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'gates.json'), `${JSON.stringify(toJson(allPassed(results), results), null, 2)}\n`);
    for (const r of results) writeFileSync(path.join(dir, `${r.id.replace(/[^\w.-]/g, '_')}.log`), r.output);
  }

  /** A file beside the attempt's logs; returns its repo-relative path for the digest to name. */
  writeAttemptFile(n: number, name: string, text: string): string {
    mkdirSync(this.attemptDir(n), { recursive: true });
    writeFileSync(path.join(this.attemptDir(n), name), text);
    return `${this.relativeAttemptDir(n)}${name}`;
  }

  writeAgentOutput(n: number, output: string): void {
    mkdirSync(this.attemptDir(n), { recursive: true });
    writeFileSync(path.join(this.attemptDir(n), 'agent.log'), output);
  }

  /** The first call's digest (the task) beside the attempts. */
  writeTask(digest: string): string {
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(path.join(this.dir, 'task.md'), digest);
    return this.writeCurrent(digest);
  }

  /** Absolute path of .gatekeeper/feedback.md, the digest the next agent call gets. */
  get feedbackPath(): string {
    return path.join(this.root, FEEDBACK_FILE);
  }

  private writeCurrent(digest: string): string {
    writeFileSync(this.feedbackPath, digest);
    return this.feedbackPath;
  }

  /** The digest goes to the attempt's folder and to .gatekeeper/feedback.md, the one the agent is pointed at. */
  writeFeedback(n: number, digest: string): string {
    mkdirSync(this.attemptDir(n), { recursive: true });
    writeFileSync(path.join(this.attemptDir(n), 'feedback.md'), digest);
    return this.writeCurrent(digest);
  }
}
