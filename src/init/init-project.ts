import { createRequire } from 'node:module';
import path from 'node:path';
import type { GateConfig } from '../config/schema.js';
import { UserFacingError } from '../core/errors.js';
import { NPX } from '../core/package-name.js';
import { detectProject } from './detect.js';
import { planGates } from './plan.js';
import { ignoreCacheDir, writeConfig } from './write.js';

/** The package a gate resolves from the project, so init can warn before the first run does. */
function toolOf(gate: GateConfig): string | undefined {
  if (gate.kind === 'typecheck') return 'typescript';
  if (gate.kind === 'lint') return gate['linter'] === 'biome' ? '@biomejs/biome' : gate['linter'] === 'oxlint' ? 'oxlint' : 'eslint';
  if (gate.kind === 'test') return gate['runner'] === 'jest' ? 'jest' : gate['runner'] === 'node' ? undefined : 'vitest';
  return undefined;
}

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
      `gatekeeper init found nothing to gate in ${root}: no tsconfig*.json, no ESLint, Biome or oxlint config, no TypeScript/JavaScript sources in src/, lib/, source/ or the top level, no build script, no Vitest or Jest, no check script it can follow. Run it in the project's root folder, or write .gatekeeper.json by hand (see the README).`,
    );
  }
  for (const gate of plan.gates) {
    const pkg = toolOf(gate);
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
