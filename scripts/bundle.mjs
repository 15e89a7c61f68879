// The published entry point: Gatekeeper's own code and its dependencies (commander, zod, listr2,
// execa, …) bundled by esbuild, so that start-up reads a few files instead of a few hundred.
// Commands still load their work on demand: every `await import()` in src/cli/ becomes its own
// chunk (code splitting), so `--version` reads main.js and little else.
//
// Then rollup writes those chunks again as CommonJS into dist/bundle/cli/ (dist/bundle/package.json
// says "commonjs", so the bin keeps its name main.js). Measured on Node 20 (bench/ab.mjs, a run of
// five cache hits): CommonJS chunks load 30 ms faster than the same code as ES modules, whose loader
// resolves URLs and links asynchronously for each of the 34 files a run reads; and rollup does not
// split out a module that the importing chunk has already loaded, so a run of cache hits reads 23 files, not 34.
// esbuild alone writes no CommonJS with code splitting; rollup alone would need plugins for
// TypeScript, CommonJS dependencies and minifying, which esbuild already does.
//
// Never bundled: the user's tools (ESLint, tsc, Vitest are resolved from the user's project at run
// time through createRequire, which esbuild leaves alone) and escomplex, which is loaded through
// createRequire too. The chunks sit three folders below the package root, like dist/src/cli/main.js,
// so `new URL('../../../…', import.meta.url)` finds the package root from either build.
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import { rollup } from 'rollup';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * zod re-exports every locale (`z.locales.*`, about half of zod's bundled size) through a namespace
 * that esbuild cannot tree-shake. Gatekeeper's messages are English, set by zod's own default
 * (`config(en())`, which imports en.js directly), so the namespace keeps only `en`.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/]/.test(args.importer) ? { path: path.resolve(path.dirname(args.importer), '../locales/en.js'), namespace: 'zod-locales' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};\n`,
      resolveDir: path.dirname(args.path),
    }));
  },
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundleDir = path.join(root, 'dist', 'bundle');
const esmDir = mkdtempSync(path.join(os.tmpdir(), 'gatekeeper-bundle-'));
await build({
  entryPoints: { main: path.join(root, 'src', 'cli', 'main.ts') },
  outdir: esmDir,
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
  plugins: [zodEnglishOnly],
  minify: true,
  logLevel: 'warning',
  legalComments: 'none',
});

try {
  const chunks = await rollup({
    input: path.join(esmDir, 'main.js'),
    // Node's own modules stay imports; so does import() of a computed path (the user's ESLint).
    external: (id) => id.startsWith('node:') || builtinModules.includes(id),
    // An import esbuild left unused is harmless; anything else rollup warns of fails the build.
    onwarn: (warning) => {
      if (warning.code !== 'UNUSED_EXTERNAL_IMPORT') throw new Error(`rollup: ${warning.message}`);
    },
  });
  rmSync(bundleDir, { recursive: true, force: true });
  await chunks.write({ dir: path.join(bundleDir, 'cli'), format: 'cjs', entryFileNames: '[name].js', chunkFileNames: 'chunk-[hash].js' });
  await chunks.close();
  writeFileSync(path.join(bundleDir, 'package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);
} finally {
  rmSync(esmDir, { recursive: true, force: true });
}
