import path from 'node:path';
import type { TreeChanges } from '../src/cache/last-green.js';

/**
 * Which tests a run needs after the whole suite last passed on an earlier tree.
 *
 * `vitest related <files>` runs the test files that import (directly or through other modules)
 * one of the files, found by following the imports in Vite's module graph. That is exactly the
 * set of tests a change can affect — provided the change reaches tests only through imports.
 * Every change that can reach them another way runs the whole suite instead:
 * - a file that is not a JavaScript/TypeScript module (JSON, a snapshot, a fixture, an .env, a
 *   lockfile): tests read it from disk or Vite resolves it outside the graph;
 * - a module at the project root, a config (`*.config.*`, vite/vitest files) or a setup/teardown
 *   file: the runner loads it for every test, and no test imports it;
 * - a module under a fixtures or `__mocks__` folder: loaded by path or by the mocker, not imported;
 * - a deleted file: its importers now fail to load, and a deleted file is in no graph;
 * - no record of a green whole-suite run with the same settings (first run, another Vitest,
 *   another Node, another config entry or env, `--no-cache`).
 */
export type TestSelection = { kind: 'whole'; reason: string } | { kind: 'related'; files: string[] };

const MODULE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const RUNNER_FILE = /setup|teardown|\.config\.|^vite/i;
const NOT_IMPORTED_FOLDER = /(?:^|\/)(?:fixtures?|__fixtures__|__mocks__|node_modules)\//;

/** Why this changed file could reach a test other than through an import, or undefined if it cannot. */
export function whyNotImportOnly(file: string): string | undefined {
  const base = path.posix.basename(file);
  if (!MODULE.test(base)) return `${file} is not a JavaScript or TypeScript module`;
  if (!file.includes('/')) return `${file} sits at the project root, where configs and scripts live`;
  if (RUNNER_FILE.test(base)) return `${file} looks like a config or setup file, which the runner loads for every test`;
  if (NOT_IMPORTED_FOLDER.test(file)) return `${file} is in a fixtures or mocks folder, loaded by path rather than imported`;
  return undefined;
}

export function selectTests(changes: TreeChanges | undefined): TestSelection {
  if (changes === undefined) return { kind: 'whole', reason: 'no earlier whole-suite pass with these settings' };
  const [deleted] = changes.deleted;
  if (deleted !== undefined) return { kind: 'whole', reason: `${deleted} was deleted` };
  if (changes.changed.length === 0) return { kind: 'whole', reason: 'nothing changed since the last whole-suite pass' };
  for (const file of changes.changed) {
    const why = whyNotImportOnly(file);
    if (why !== undefined) return { kind: 'whole', reason: why };
  }
  return { kind: 'related', files: changes.changed };
}
