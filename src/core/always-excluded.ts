/** Folders no gate ever looks at (apart from file-set.ts, so that a scope is computed without loading picomatch). */
export const ALWAYS_EXCLUDED = ['**/node_modules/**', '**/.git/**', '**/.gatekeeper/**'];
