import path from 'node:path';
import { erroredOutcome, type GateContext, type GateOutcome } from '../../src/core/gate.js';
import { toRepoPath } from '../../src/core/paths.js';
import { plural, type Diagnostic } from '../../src/core/result.js';
import type { TestCounts } from './runner-options.js';

/**
 * The verdict of any test runner from its report: a failed or unloadable test fails; a run that
 * executed no test is `errored` (a green run that ran nothing proves nothing), unless only the
 * tests related to the changed files were asked for and there are none; a non-zero exit with
 * every test passing is `errored` (a crash after the tests, a coverage threshold).
 */
export function testVerdict(counts: TestCounts, diagnostics: Diagnostic[], run: { exitCode: number | undefined; output: string }, what: string, relatedOnly: boolean): GateOutcome {
  const { output } = run;
  const tally = `${counts.passed} passed, ${counts.failed} failed${counts.skipped > 0 ? `, ${counts.skipped} skipped` : ''}`;
  if (counts.failed > 0 || counts.brokenFiles > 0) {
    const broken = counts.brokenFiles > 0 ? `, ${plural(counts.brokenFiles, 'test file')} failed to load` : '';
    return { status: 'failed', diagnostics, summary: `${tally}${broken}`, output };
  }
  if (counts.passed === 0 && counts.skipped === 0 && relatedOnly) {
    // Only the tests related to the changed files were asked for, and there are none (a docs
    // change, a deletion): nothing to verify is not a failure. A whole run with none still is.
    return { status: 'skipped', diagnostics, summary: 'no tests are related to the changed files', output };
  }
  if (counts.passed === 0) {
    return erroredOutcome(`no tests ran (${what} collected ${counts.passed + counts.skipped} tests, none executed)`, output, diagnostics);
  }
  if (run.exitCode !== 0) {
    return erroredOutcome(`${what} exited with code ${run.exitCode} although every test passed (${tally})`, output, diagnostics);
  }
  return { status: 'passed', diagnostics, summary: tally, output };
}

/** Runners' diagnostics in the repository's terms: repo-relative files, and stack frames in messages without the repository's absolute path. */
export function repoDiagnostics(diagnostics: readonly Diagnostic[], ctx: Pick<GateContext, 'root' | 'repoRoot'>): Diagnostic[] {
  const prefix = `${ctx.repoRoot}${path.sep}`;
  return diagnostics.map((d) => ({ ...d, ...(d.file === undefined ? {} : { file: toRepoPath(ctx.repoRoot, d.file, ctx.root) }), message: d.message.split(prefix).join('') }));
}
