// The published entry point: Gatekeeper's own code and its dependencies (commander, zod, listr2,
// execa, …) bundled by esbuild into dist/bundle/cli/, so that start-up reads a few files instead of
// a few hundred. Commands still load their work on demand: every `await import()` in src/cli/
// becomes its own chunk (code splitting), so `--version` reads main.js and one small chunk.
//
// Never bundled: the user's tools (ESLint, tsc, Vitest are resolved from the user's project at run
// time through createRequire, which esbuild leaves alone) and escomplex, which is loaded through
// createRequire too. The chunks sit three folders below the package root, like dist/src/cli/main.js,
// so `new URL('../../../…', import.meta.url)` finds the package root from either build.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'bundle', 'cli');
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { main: path.join(root, 'src', 'cli', 'main.ts') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // jsonc-parser's "main" is a UMD build whose require() calls esbuild cannot follow; its ES build is whole.
  mainFields: ['module', 'main'],
  chunkNames: 'chunk-[hash]',
  // CommonJS dependencies (commander) call require() for Node's own modules; an ES module has none.
  banner: { js: "import { createRequire as __gatekeeperCreateRequire } from 'node:module';\nconst require = __gatekeeperCreateRequire(import.meta.url);" },
  external: ['typhonjs-escomplex'],
  minify: true,
  logLevel: 'warning',
  legalComments: 'none',
});
