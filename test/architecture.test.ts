import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '..');

/**
 * What each folder may import, as ARCHITECTURE.md draws it. The floors run one way: a folder that is
 * not listed here fails the test until someone decides where it sits.
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
  core: [],
  format: ['core'],
  parsers: ['core'],
  config: ['core', 'gates'],
  git: ['core'],
  guard: ['core'],
  cache: ['core', 'config', 'git'],
  remote: ['core', 'config', 'cache'],
  baseline: ['core', 'config', 'git', 'cache', 'format'],
  gates: ['core', 'cache', 'git', 'guard', 'config', 'parsers'],
  report: ['core', 'config', 'format'],
  history: ['core', 'config', 'git', 'format'],
  run: ['core', 'config', 'gates', 'cache', 'remote', 'git', 'report', 'history', 'baseline', 'format'],
  init: ['core', 'config', 'gates', 'report', 'install', 'git'],
  install: ['core', 'git', 'config'],
  hook: ['core', 'config', 'git', 'history', 'report', 'run', 'baseline'],
  loop: ['core', 'config', 'format', 'gates', 'git', 'history', 'report', 'run', 'baseline'],
  agents: ['core', 'config', 'format', 'git', 'history', 'report', 'run', 'loop', 'install', 'baseline'],
  cli: ['core', 'config', 'format', 'git', 'history', 'hook', 'init', 'install', 'loop', 'report', 'run', 'agents', 'cache', 'remote', 'baseline'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

/** The folder a source file belongs to: `gates` for gates/**, else the first folder under src/. */
function floorOf(file: string): string | undefined {
  const rel = path.relative(REPO, file).split(path.sep);
  if (rel[0] === 'gates') return 'gates';
  if (rel[0] === 'src' && rel.length > 2) return rel[1];
  return undefined;
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map((m) => m[1] ?? '');
  return found.map((spec) => path.resolve(path.dirname(file), spec));
}

const files = [...sourceFiles(path.join(REPO, 'src')), ...sourceFiles(path.join(REPO, 'gates'))];

describe('the floors of the house (ARCHITECTURE.md)', () => {
  it('every source folder has a place in the table', () => {
    const floors = new Set(files.map(floorOf).filter((f) => f !== undefined));
    expect([...floors].filter((f) => !(f in MAY_IMPORT))).toEqual([]);
  });

  it('no folder imports a floor it may not (core imports nothing above it)', () => {
    const wrong: string[] = [];
    for (const file of files) {
      const from = floorOf(file);
      if (from === undefined) continue;
      for (const target of importsOf(file)) {
        const to = floorOf(target);
        if (to === undefined || to === from) continue;
        if (!(MAY_IMPORT[from] ?? []).includes(to)) wrong.push(`${path.relative(REPO, file)} imports ${to}/`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('the check itself sees an upward import (a core file importing report/ would be caught)', () => {
    const core = files.find((f) => floorOf(f) === 'core');
    expect(core).toBeDefined();
    const fake = path.resolve(path.dirname(core ?? ''), '../report/terminal.js');
    expect(floorOf(fake)).toBe('report');
    expect(MAY_IMPORT.core).not.toContain('report');
  });
});
