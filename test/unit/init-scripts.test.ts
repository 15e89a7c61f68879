import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMPLEXITY_EXCLUDE, complexityStart } from '../../src/init/complexity-start.js';
import { detectPackageManager } from '../../src/install/package-manager.js';
import { planGates } from '../../src/init/plan.js';
import { complexFunction } from '../helpers/ts-project.js';
import { scriptCommands } from '../../src/init/script-commands.js';
import { checkScripts, gatesFromScripts, isCheckCommand } from '../../src/init/script-gates.js';

function plan(scripts: Record<string, string>, pm: 'npm' | 'pnpm' = 'npm') {
  const seen = new Set<string>();
  const commands = checkScripts(scripts).flatMap((s) => scriptCommands(scripts, s, seen)).filter(isCheckCommand);
  return gatesFromScripts(commands, pm);
}

describe('what the check scripts run', () => {
  it('follows tsc projects and Vitest flags (the type tests a project relies on keep running)', () => {
    const { gates, uncovered } = plan({
      check: 'tsc --project tsconfig.source.json',
      test: 'tsc --project tsconfig.tests.json && vitest --typecheck.enabled --typecheck.ignoreSourceErrors',
      build: 'tsc -p tsconfig.build.json',
    });
    expect(gates.map((g) => [g.name, g.gate, g.reason])).toEqual([
      ['typecheck-source', { kind: 'typecheck', project: 'tsconfig.source.json' }, 'follows "check": tsc --project tsconfig.source.json'],
      ['typecheck-tests', { kind: 'typecheck', project: 'tsconfig.tests.json' }, 'follows "test": tsc --project tsconfig.tests.json'],
      ['test', { kind: 'test', runner: 'vitest', args: ['--typecheck.enabled', '--typecheck.ignoreSourceErrors'] }, 'follows "test": vitest --typecheck.enabled --typecheck.ignoreSourceErrors'],
    ]);
    expect(uncovered).toEqual([]);
  });

  it('carries --max-warnings, follows scripts the scripts call, and names what no gate covers (unjs/ufo\'s scripts)', () => {
    const { gates, uncovered } = plan(
      { lint: 'eslint . --max-warnings 0 && prettier -c src test', 'lint:fix': 'eslint --fix . && prettier -w src test', test: 'pnpm lint && vitest run --typecheck', build: 'automd && unbuild' },
      'pnpm',
    );
    expect(gates.map((g) => g.gate)).toEqual([
      { kind: 'lint', linter: 'eslint', maxWarnings: 0 },
      { kind: 'test', runner: 'vitest', args: ['--typecheck'] },
    ]);
    expect(uncovered).toEqual([{ script: 'lint', name: 'prettier', text: 'prettier -c src test', command: 'pnpm exec prettier -c src test' }]);
  });

  it('reads Biome, oxlint, Jest and node --test, leaving out watch and fix modes', () => {
    const { gates, uncovered } = plan({
      lint: 'biome check --error-on-warnings src && oxlint -D correctness --deny-warnings',
      'test:unit': 'cross-env NODE_ENV=test jest --ci --coverage',
      'test:node': 'node --import tsx --test test/*.test.ts',
      'test:watch': 'jest --watch',
      'lint:ox': 'oxlint --fix',
    });
    expect(gates.map((g) => g.gate)).toEqual([
      { kind: 'lint', linter: 'biome', patterns: ['src'], maxWarnings: 0 },
      { kind: 'lint', linter: 'oxlint', maxWarnings: 0, args: ['-D', 'correctness'] },
      { kind: 'test', runner: 'jest', args: ['--coverage'] },
      { kind: 'test', runner: 'node', args: ['--import', 'tsx', 'test/*.test.ts'] },
    ]);
    expect(uncovered).toEqual([]);
  });

  it('follows run-s globs and stops at a script that calls itself', () => {
    const commands = scriptCommands({ test: 'run-s test:*', 'test:a': 'vitest run', 'test:b': 'npm test' }, 'test');
    expect(commands.map((c) => [c.script, c.text])).toEqual([['test:a', 'vitest run']]);
  });
});

describe('the package manager', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const dir = (files: Record<string, string>): string => {
    const d = mkdtempSync(path.join(os.tmpdir(), 'gk-pm-'));
    dirs.push(d);
    for (const [f, text] of Object.entries(files)) writeFileSync(path.join(d, f), text);
    return d;
  };

  it('is the packageManager field, else the lockfile, else npm', () => {
    expect(detectPackageManager(dir({ 'package.json': '{"packageManager":"pnpm@9.15.0+sha512.abc"}', 'yarn.lock': '' }))).toEqual({ name: 'pnpm', why: 'packageManager is pnpm@9.15.0' });
    expect(detectPackageManager(dir({ 'package.json': '{}', 'yarn.lock': '' }))).toEqual({ name: 'yarn', why: 'yarn.lock exists' });
    expect(detectPackageManager(dir({ 'package.json': '{}', 'bun.lockb': '' })).name).toBe('bun');
    expect(detectPackageManager(dir({ 'package.json': '{}' }))).toEqual({ name: 'npm', why: 'no lockfile names another' });
  });
});

describe('complexity limits init starts from', () => {
  it('names today\'s worst function when it is above the default limit (held as pre-existing, the limit stays), and leaves test files out', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'gk-cx-'));
    try {
      mkdirSync(path.join(root, 'src'));
      writeFileSync(path.join(root, 'src/hard.ts'), complexFunction());
      writeFileSync(path.join(root, 'src/easy.ts'), 'export const one = (): number => 1;\n');
      writeFileSync(path.join(root, 'src/hard.test.ts'), complexFunction().replace(/export function \w+/, 'export function worse').replace('return', 'if (a === 99) return 99;\n  return'));
      const start = await complexityStart(root, ['src/**/*.ts'], COMPLEXITY_EXCLUDE);
      expect(start.worstCyclomatic).toBe(15);
      expect(start.lowestMaintainability).toBeUndefined();
      expect(start.why).toEqual([expect.stringMatching(/^today's most complex is function \w+ in src\/hard\.ts:\d+ \(cyclomatic 15, above the limit 10\): reported as pre-existing/)]);

      const none = await complexityStart(root, ['src/easy.ts'], COMPLEXITY_EXCLUDE);
      expect(none).toEqual({ why: [] });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('the plan', () => {
  it('calls a project\'s one linter `lint`, and tells several apart by name', () => {
    const oxlint = { gate: { kind: 'lint', linter: 'oxlint' }, name: 'lint-oxlint', reason: 'follows "lint": oxlint src' };
    const biome = { gate: { kind: 'lint', linter: 'biome' }, name: 'lint-biome', reason: 'follows "lint": biome lint' };
    const base = { packageManager: { name: 'npm' as const, why: '' }, linters: [], uncovered: [] };
    expect(planGates({ ...base, scriptGates: [oxlint] }).gates).toEqual([{ id: 'lint', kind: 'lint', linter: 'oxlint' }]);
    expect(planGates({ ...base, scriptGates: [biome, oxlint] }).gates.map((g) => g.id)).toEqual(['lint-biome', 'lint-oxlint']);
  });
});
