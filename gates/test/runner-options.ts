/** What every test runner gets from the test gate's options. */
export interface RunnerOptions {
  args: string[];
  /** In a changed-files scope, only the tests related to the changed files (where the runner can). */
  related: boolean;
  /** Vitest: after a whole-suite pass, only the tests that import what changed since (default true). */
  incremental: boolean;
}

/** What a runner's report says, in the terms the verdict needs. */
export interface TestCounts {
  passed: number;
  failed: number;
  skipped: number;
  /** Test files that failed before any test ran (an import error, a syntax error). */
  brokenFiles: number;
}
