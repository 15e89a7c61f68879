/** What every linter runner gets from the lint gate's options, defaults applied. */
export interface LinterOptions {
  /** What to lint when the scope is the whole project; undefined: the linter's own default. */
  patterns?: string[];
  maxWarnings: number;
  /** Extra arguments for a linter run as a child process (Biome, oxlint). */
  args: string[];
}
