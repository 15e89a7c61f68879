import type { Diagnostic } from '../core/result.js';
import { plural } from '../core/result.js';
import { countTests, declaresTest } from './test-count.js';
import type { FileDiff } from './unified-diff.js';

export interface TestFileTexts {
  /** The file's text at the base (at its old path). */
  before: string;
  /** Its text now, or undefined when it is gone. */
  after?: string;
}

/** Where a removed test used to be, seen in the file as it is now (a removal at the end: its last line). */
function removalLine(file: FileDiff, after: string): number {
  const at = file.removed.find((l) => declaresTest(l.text))?.at ?? file.removed[0]?.at ?? 1;
  const lastLine = after.replace(/\n$/, '').split('\n').length;
  return Math.min(at, lastLine);
}

/**
 * Deleted, emptied or thinned-out test files. Only files that were tests at the base matter: a
 * new test file can only add tests. `isTestFile` decides for both the old and the new path, so a
 * test renamed to a non-test name counts as deleted.
 */
export function testFileFindings(file: FileDiff, texts: TestFileTexts, isTestFile: (repoPath: string) => boolean): Diagnostic[] {
  if (file.oldPath === undefined || !isTestFile(file.oldPath)) return [];
  const before = countTests(texts.before, file.oldPath);
  if (before === undefined || before === 0) return [];
  const tests = plural(before, 'test');
  if (file.newPath === undefined || texts.after === undefined) {
    return [{ file: file.oldPath, code: 'test-deleted', severity: 'error', message: `test file ${file.oldPath} was deleted (it had ${tests})` }];
  }
  if (!isTestFile(file.newPath)) {
    return [{ file: file.newPath, code: 'test-deleted', severity: 'error', message: `test file ${file.oldPath} was renamed to ${file.newPath}, which is not a test file (it had ${tests})` }];
  }
  const after = texts.after.trim() === '' ? 0 : countTests(texts.after, file.newPath);
  if (after === undefined) return [];
  if (after === 0) {
    return [{ file: file.newPath, line: 1, code: 'test-emptied', severity: 'error', message: `test file ${file.newPath} no longer declares any test (it had ${tests})` }];
  }
  if (after < before) {
    return [{ file: file.newPath, line: removalLine(file, texts.after), code: 'fewer-tests', severity: 'error', message: `${file.newPath} declares ${plural(after, 'test')}, ${before} at the base: ${plural(before - after, 'test')} removed` }];
  }
  return [];
}
