import type { Diagnostic } from '../core/result.js';
import { CODE_FILE, matchLine } from './line-patterns.js';
import type { FileDiff } from './unified-diff.js';

/**
 * New suppressions and skipped tests, on added lines only. A line that was removed from the same
 * file with the same text and added back (re-indented, moved) is not new: it was at the base.
 */
export function addedLineFindings(files: readonly FileDiff[], isTestFile: (repoPath: string) => boolean): Diagnostic[] {
  const findings: Diagnostic[] = [];
  for (const file of files) {
    if (file.newPath === undefined || !CODE_FILE.test(file.newPath)) continue;
    const testFile = isTestFile(file.newPath);
    const removed = new Map<string, number>();
    for (const line of file.removed) removed.set(line.text.trim(), (removed.get(line.text.trim()) ?? 0) + 1);
    for (const added of file.added) {
      const matches = matchLine(added.text, testFile);
      if (matches.length === 0) continue;
      const key = added.text.trim();
      const left = removed.get(key) ?? 0;
      if (left > 0) {
        removed.set(key, left - 1);
        continue;
      }
      const seen = new Set<string>();
      for (const match of matches) {
        if (seen.has(match.code)) continue;
        seen.add(match.code);
        findings.push({ file: file.newPath, line: added.line, column: match.column, code: match.code, message: match.message, severity: 'error' });
      }
    }
  }
  return findings;
}

