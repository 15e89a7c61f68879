import type { Diagnostic } from '../core/result.js';
import type { FileDiff } from './unified-diff.js';

/** The files that decide what passes: the gates' config and the tools' own configs. */
export const DEFAULT_PROTECTED = [
  '.gatekeeper.json',
  '**/eslint.config.{js,mjs,cjs,ts,mts,cts}',
  '**/.eslintrc',
  '**/.eslintrc.*',
  '**/.eslintignore',
  '**/biome.json',
  '**/biome.jsonc',
  '**/.oxlintrc.json',
  '**/.oxlintrc.jsonc',
  '**/oxlint.config.ts',
  '**/jest.config.*',
  '**/tsconfig*.json',
  '**/jsconfig*.json',
  '**/vitest.config.*',
  '**/vitest.workspace.*',
  '**/vite.config.*',
];

function verb(file: FileDiff): string {
  if (file.status === 'deleted') return 'deleted';
  if (file.status === 'added') return 'created';
  if (file.status === 'renamed') return `renamed from ${file.oldPath ?? '?'}`;
  return 'changed';
}

/** A change to a protected file, at its first changed line (a deleted file has none to show). */
export function protectedFileFindings(files: readonly FileDiff[], isProtected: (repoPath: string) => boolean): Diagnostic[] {
  return files.flatMap((file): Diagnostic[] => {
    const touched = [file.oldPath, file.newPath].filter((p): p is string => p !== undefined && isProtected(p));
    const shown = file.newPath ?? file.oldPath;
    if (touched.length === 0 || shown === undefined) return [];
    const first = Math.min(...file.added.map((l) => l.line), ...file.removed.map((l) => l.at));
    const line = file.status === 'deleted' ? undefined : Number.isFinite(first) ? first : 1;
    return [{ file: shown, ...(line === undefined ? {} : { line }), code: 'protected-file', severity: 'error', message: `${shown} is protected and was ${verb(file)}: it decides what the gates let through` }];
  });
}
