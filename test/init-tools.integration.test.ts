import { chmodSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeProject, parseJsonReport, type Project } from './helpers/project.js';
import { pathWithout } from './helpers/path-without.js';

const projects: Project[] = [];
afterAll(() => projects.forEach((p) => p.cleanup()));

async function project(name: string, files: Record<string, string>): Promise<Project> {
  const p = await makeProject(name, { '.gitignore': 'node_modules\n.gatekeeper/\n', ...files });
  projects.push(p);
  return p;
}

function gatesOf(p: Project): Record<string, unknown>[] {
  return (JSON.parse(p.read('.gatekeeper.json')) as { gates: Record<string, unknown>[] }).gates;
}

describe('gatekeeper init follows what the project already runs', () => {
  it('Biome, oxlint and Jest from the scripts, with their flags; the gates fail on the seeded faults and pass once fixed', async () => {
    const p = await project('init-tools', {
      'package.json': JSON.stringify({
        name: 'tools',
        scripts: { lint: 'biome lint src && oxlint --deny-warnings src && prettier --check src', test: 'jest --ci', 'lint:fix': 'biome lint --write src' },
      }),
      'biome.json': '{}\n',
      '.oxlintrc.json': JSON.stringify({ rules: { 'no-debugger': 'error' } }),
      'src/math.js': 'exports.add = (a, b) => a + b;\nexports.same = (a, b) => a == b;\n',
      'test/math.test.js': "const { add } = require('../src/math');\ntest('adds', () => {\n  expect(add(1, 1)).toBe(3);\n});\n",
    });
    const init = await p.gatekeeper(['init']);
    expect(init.exitCode).toBe(0);
    expect(gatesOf(p).filter((g) => g['kind'] !== 'complexity')).toEqual([
      { id: 'lint-biome', kind: 'lint', linter: 'biome', patterns: ['src'] },
      { id: 'lint-oxlint', kind: 'lint', linter: 'oxlint', patterns: ['src'], maxWarnings: 0 },
      { id: 'test', kind: 'test', runner: 'jest' },
    ]);
    expect(init.stdout).toContain('lint-biome: follows "lint": biome lint src');
    expect(init.stdout).toContain('test: follows "test": jest --ci');
    expect(init.stdout).toContain('"lint" runs `prettier --check src`, which no gate covers; to gate on it, add { "id": "prettier", "kind": "command", "command": "npx --no-install prettier --check src" }');

    // failFast (the default): the first failing gate stops the run. The faults are in the first commit,
    // so hold the line (init turns it on) would call them pre-existing: count them all.
    const failing = parseJsonReport((await p.gatekeeper(['run', '--json', '--no-hold-the-line'])).stdout);
    expect(failing.gates.map((g) => [g.id, g.status])).toEqual([
      ['lint-biome', 'failed'],
      ['lint-oxlint', 'skipped'],
      ['complexity', 'skipped'],
      ['test', 'skipped'],
    ]);

    p.write('src/math.js', 'exports.add = (a, b) => a + b;\nexports.same = (a, b) => a === b;\n');
    const testFails = parseJsonReport((await p.gatekeeper(['run', '--json', '--no-hold-the-line'])).stdout);
    expect(testFails.gates.map((g) => [g.id, g.status])).toEqual([
      ['lint-biome', 'passed'],
      ['lint-oxlint', 'passed'],
      ['complexity', 'passed'],
      ['test', 'failed'],
    ]);

    p.write('test/math.test.js', p.read('test/math.test.js').replace('toBe(3)', 'toBe(2)'));
    const fixed = await p.gatekeeper(['run', '--json', '--no-hold-the-line']);
    expect(parseJsonReport(fixed.stdout).gates.map((g) => [g.id, g.status])).toEqual([
      ['lint-biome', 'passed'],
      ['lint-oxlint', 'passed'],
      ['complexity', 'passed'],
      ['test', 'passed'],
    ]);
    expect(fixed.exitCode).toBe(0);
  });

  it('runs the build through the project\'s package manager and follows tsc projects', async () => {
    const p = await project('init-pnpm', {
      'package.json': JSON.stringify({
        name: 'pnpm-lib',
        packageManager: 'pnpm@9.15.0',
        scripts: { build: 'tsc -p tsconfig.build.json', prebuild: 'rm -rf dist', check: 'tsc --project tsconfig.source.json', test: 'tsc -p tsconfig.tests.json && vitest --typecheck.enabled' },
      }),
      'tsconfig.source.json': '{}',
      'tsconfig.tests.json': '{}',
      'src/a.ts': 'export const a = 1;\n',
    });
    // A pnpm on PATH, as Corepack or a global install puts it; init only looks for it.
    p.write('bin/pnpm', '#!/bin/sh\nexit 0\n');
    chmodSync(path.join(p.dir, 'bin/pnpm'), 0o755);
    const withPnpm = `${path.join(p.dir, 'bin')}${path.delimiter}${process.env['PATH'] ?? ''}`;
    const init = await p.gatekeeper(['init'], { env: { PATH: withPnpm } });
    expect(init.exitCode).toBe(0);
    expect(gatesOf(p).filter((g) => g['kind'] !== 'complexity')).toEqual([
      { id: 'typecheck-source', kind: 'typecheck', project: 'tsconfig.source.json' },
      { id: 'typecheck-tests', kind: 'typecheck', project: 'tsconfig.tests.json' },
      { id: 'build', kind: 'build', command: 'pnpm run build' },
      { id: 'test', kind: 'test', runner: 'vitest', args: ['--typecheck.enabled'] },
    ]);
    expect(init.stdout).toContain('build: package.json has a build script (tsc -p tsconfig.build.json); runs pnpm run build (packageManager is pnpm@9.15.0)');

    // Without pnpm on PATH a `pnpm run build` gate could never start: scripts run through npm, and init says why.
    rmSync(path.join(p.dir, '.gatekeeper.json'));
    const noPnpm = pathWithout(['pnpm', 'pnpx']);
    const fallback = await p.gatekeeper(['init'], { env: { PATH: noPnpm } });
    expect(fallback.exitCode).toBe(0);
    expect(gatesOf(p).find((g) => g['id'] === 'build')).toEqual({ id: 'build', kind: 'build' });
    expect(fallback.stdout).toContain('packageManager is pnpm@9.15.0, but pnpm is not on PATH here, so the gates run scripts through npm');
  });
});
