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

/** The commits of `git log` output that carry a Gate-Loosened trailer; the others are dropped. */
export function parseTrailerLog(text: string): LooseningCommit[] {
  return text
    .split('\x1e')
    .slice(1)
    .flatMap((record) => {
      const [commit = '', reasonText = '', rest = ''] = record.split('\x1f');
      const reasons = reasonText
        .split('\x1d')
        .map((r) => r.trim())
        .filter((r) => r !== '');
      if (reasons.length === 0) return [];
      const files = rest
        .split('\0')
        .map((f) => f.replace(/^\n+/, ''))
        .filter((f) => f !== '');
      return [{ commit, reasons, files }];
    });
}

export interface AllowedFindings {
  findings: Diagnostic[];
  /** The reasons that allowed at least one finding, in the order the commits came. */
  reasons: string[];
}

/**
 * Findings in a file that a Gate-Loosened commit touched become warnings: the loosening is
 * allowed, and said out loud, never silently. Other findings stay errors.
 */
export function allowByTrailers(findings: readonly Diagnostic[], commits: readonly LooseningCommit[]): AllowedFindings {
  const reasons: string[] = [];
  const allowed = findings.map((finding) => {
    const commit = finding.file === undefined ? undefined : commits.find((c) => c.files.includes(finding.file ?? ''));
    if (!commit) return finding;
    const reason = commit.reasons.join('; ');
    if (!reasons.includes(reason)) reasons.push(reason);
    return { ...finding, severity: 'warning' as const, message: `${finding.message} (allowed by ${TRAILER_KEY}: ${reason}, commit ${commit.commit.slice(0, 7)})` };
  });
  return { findings: allowed, reasons };
}
