import type { Diagnostic } from '../core/result.js';

export const TRAILER_KEY = 'Gate-Loosened';

/** The format string whose output `parseTrailerLog` reads (with `--name-only -z --no-renames`). */
export const TRAILER_LOG_FORMAT = `%x1e%H%x1f%(trailers:key=${TRAILER_KEY},valueonly,separator=%x1d)%x1f`;

export interface LooseningCommit {
  commit: string;
  reasons: string[];
  /** Repo-relative paths the commit touched. */
  files: string[];
}

/** Every commit of `git log` output, newest first; `reasons` is empty for a commit without the trailer. */
export function parseCommitLog(text: string): LooseningCommit[] {
  return text
    .split('\x1e')
    .slice(1)
    .map((record) => {
      const [commit = '', reasonText = '', rest = ''] = record.split('\x1f');
      const reasons = reasonText
        .split('\x1d')
        .map((r) => r.trim())
        .filter((r) => r !== '');
      const files = rest
        .split('\0')
        .map((f) => f.replace(/^\n+/, ''))
        .filter((f) => f !== '');
      return { commit, reasons, files };
    });
}

/** The commits of `git log` output that carry a Gate-Loosened trailer; the others are dropped. */
export function parseTrailerLog(text: string): LooseningCommit[] {
  return parseCommitLog(text).filter((c) => c.reasons.length > 0);
}

export interface AllowedFindings {
  findings: Diagnostic[];
  /** The reasons that allowed at least one finding, in the order the commits came. */
  reasons: string[];
}

/**
 * Findings in a file whose last change is a Gate-Loosened commit become warnings: the loosening
 * is allowed, and said out loud, never silently. A file changed again afterwards — by a later
 * commit without the trailer (`commits` is newest first) or by uncommitted edits (`stillChanging`)
 * — is not covered: the trailer vouches for what its commit did, not for what came later.
 */
export function allowByTrailers(findings: readonly Diagnostic[], commits: readonly LooseningCommit[], stillChanging: ReadonlySet<string> = new Set()): AllowedFindings {
  const reasons: string[] = [];
  const allowed = findings.map((finding) => {
    const file = finding.file;
    const last = file === undefined || stillChanging.has(file) ? undefined : commits.find((c) => c.files.includes(file));
    const commit = last !== undefined && last.reasons.length > 0 ? last : undefined;
    if (!commit) return finding;
    const reason = commit.reasons.join('; ');
    if (!reasons.includes(reason)) reasons.push(reason);
    return { ...finding, severity: 'warning' as const, message: `${finding.message} (allowed by ${TRAILER_KEY}: ${reason}, commit ${commit.commit.slice(0, 7)})` };
  });
  return { findings: allowed, reasons };
}
