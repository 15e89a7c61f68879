import { createRequire } from 'node:module';
import path from 'node:path';
import { UserFacingError } from '../core/errors.js';
import { NPX } from '../core/package-name.js';
import { detectProject } from './detect.js';
import { planGates } from './plan.js';
import { ignoreCacheDir, writeConfig } from './write.js';

/** The package each gate kind resolves from the project, so init can warn before the first run does. */
const TOOL_OF_KIND: Record<string, string> = { typecheck: 'typescript', lint: 'eslint', test: 'vitest' };

function isInstalled(pkg: string, root: string): boolean {
  try {
    createRequire(path.join(root, 'package.json')).resolve(`${pkg}/package.json`);
    return true;
  } catch {
    return false;
  }
}

export interface InitOutcome {
  file: string;
  /** What to print, line by line. */
  lines: string[];
}

/** `gatekeeper init`: detect the project at `root`, write its config, ignore the cache folder. */
export async function initProject(dir: string, force: boolean): Promise<InitOutcome> {
  const root = path.resolve(dir);
  const plan = planGates(await detectProject(root));
  if (plan.gates.length === 0) {
    throw new UserFacingError(
      `gatekeeper init found nothing to gate in ${root}: no tsconfig*.json, no ESLint flat config, no TypeScript/JavaScript sources in src/, lib/ or the top level, no build script, no Vitest. Run it in the project's root folder, or write .gatekeeper.json by hand (see the README).`,
    );
  }
  for (const gate of plan.gates) {
    const pkg = TOOL_OF_KIND[gate.kind];
    if (pkg !== undefined && !isInstalled(pkg, root)) plan.notes.push(`${pkg} is not installed here, so the ${gate.id} gate will be errored until you run: npm install --save-dev ${pkg}`);
  }
  const file = writeConfig(root, plan.gates, force);
  const ignored = ignoreCacheDir(root);
  const lines = [
    `Wrote ${path.relative(process.cwd(), file) || file} with ${plan.gates.length} gate${plan.gates.length === 1 ? '' : 's'}, cheapest first:`,
    ...plan.reasons.map((r) => `  ${r}`),
    ...(plan.notes.length > 0 ? ['Notes:', ...plan.notes.map((n) => `  ${n}`)] : []),
    ignored === 'added' ? 'Added .gatekeeper/ (the cache and run history) to .gitignore.' : '.gitignore already ignores .gatekeeper/.',
    `Next: ${NPX} run`,
  ];
  return { file, lines };
}
