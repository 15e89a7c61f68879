/**
 * Which files a run is about. `all`: every tracked and untracked-not-ignored file.
 * `changed`: the files changed since a base (a `--since` ref or a push range); file-level gates
 * (lint, complexity) look only at those, whole-project gates (typecheck, build, test) ignore it.
 */
export interface Scope {
  mode: 'all' | 'changed';
  /** Paths relative to the project root, forward slashes, existing files only. */
  files: string[];
  /** The commit the changes are measured from, when mode is `changed`. */
  base?: string;
  description: string;
}
