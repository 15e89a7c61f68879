import { afterAll, describe, expect, it } from 'vitest';
import { makeHookRepo, type HookRepo } from './helpers/hook-repo.js';
import { gate, makeProject, parseJsonReport, type Project } from './helpers/project.js';
import { complexFunction, ESLINT_CONFIG, TSCONFIG } from './helpers/ts-project.js';

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

/** Names git quotes (a space does not need it; quotes, non-ASCII with quotePath on, and a newline do). */
const SPACE = 'src/with space.ts';
const QUOTES = `src/quo"te's.ts`;
const UNICODE = 'src/ünïcødé.ts';
const NEWLINE = 'src/new\nline.ts';

const crlf = (text: string): string => text.replace(/\n/g, '\r\n');

const CONFIG = {
  failFast: false,
  gates: [
    { id: 'types', kind: 'typecheck' },
    { id: 'lint', kind: 'lint' },
    { id: 'cx', kind: 'complexity', include: ['src/**/*.ts'], maxCyclomatic: 10 },
    { id: 'guard', kind: 'guard' },
  ],
};

function files(): Record<string, string> {
  return {
    'package.json': `${JSON.stringify({ name: 'odd-names', private: true, type: 'module' })}\n`,
    'tsconfig.json': TSCONFIG,
    'eslint.config.js': ESLINT_CONFIG,
    '.gitignore': 'node_modules\n.gatekeeper/\n',
    // CRLF in the config and in every source.
    '.gatekeeper.json': crlf(`${JSON.stringify(CONFIG, null, 2)}\n`),
    [SPACE]: crlf('export const space = 1;\n'),
    [QUOTES]: crlf('export const quotes = 2;\n'),
    [UNICODE]: crlf('export const unicode: number = 3;\n'),
    [NEWLINE]: crlf('export const newline = 4;\n'),
  };
}

/** One finding per gate, each in a file whose name git would quote. */
function breakEach(p: Project): void {
  p.write(UNICODE, crlf("export const unicode: number = 'three';\n"));
  p.write(SPACE, crlf('export const space = 1;\ndebugger;\n'));
  p.write(NEWLINE, crlf(complexFunction()));
  p.write(QUOTES, crlf('/* eslint-disable no-debugger */\nexport const quotes = 2;\n'));
}

describe('odd file names (spaces, quotes, non-ASCII, a newline) and CRLF', () => {
  it.each([['true'], ['false']])('every gate and the guard name the right file, with core.quotePath=%s', async (quotePath) => {
    const p = await makeProject(`odd-names-${quotePath}`, files());
    cleanups.push(() => p.cleanup());
    await p.git('config', 'core.quotePath', quotePath);
    const clean = await p.gatekeeper(['run', '--json']);
    expect(parseJsonReport(clean.stdout).gates.map((g) => [g.id, g.status])).toEqual([
      ['types', 'passed'],
      ['lint', 'passed'],
      ['cx', 'passed'],
      ['guard', 'passed'],
    ]);
    expect(clean.exitCode).toBe(0);

    breakEach(p);
    const result = await p.gatekeeper(['run', '--json', '--since', 'HEAD']);
    const report = parseJsonReport(result.stdout);
    expect(result.exitCode).toBe(1);
    const filesOf = (id: string): (string | null)[] => [...new Set(gate(report, id).diagnostics.filter((d) => d.severity === 'error').map((d) => d.file))];
    expect(gate(report, 'types').status).toBe('failed');
    expect(filesOf('types')).toEqual([UNICODE]);
    expect(filesOf('lint')).toEqual([SPACE]);
    expect(filesOf('cx')).toEqual([NEWLINE]);
    expect(filesOf('guard')).toEqual([QUOTES]);
  }, 400_000);

  it.each([['true'], ['false']])("the hook's scope holds the pushed odd names, with core.quotePath=%s", async (quotePath) => {
    const config = { gates: [{ id: 'cx', kind: 'complexity', include: ['src/**/*.ts'], maxCyclomatic: 10 }] };
    const repo: HookRepo = await makeHookRepo(`odd-hook-${quotePath}`, config, { ...files(), '.gatekeeper.json': crlf(`${JSON.stringify(config, null, 2)}\n`) });
    cleanups.push(() => repo.cleanup());
    await repo.work.git('config', 'core.quotePath', quotePath);
    repo.work.write(NEWLINE, crlf(complexFunction()));
    await repo.work.commitAll('complex, under an odd name');
    const blocked = await repo.push(['origin', 'main']);
    expect(blocked.exitCode).not.toBe(0);
    expect(blocked.output).toContain('classify');
    expect(blocked.output).toContain('line.ts');

    repo.work.write(NEWLINE, crlf('export const newline = 4;\n'));
    repo.work.write(UNICODE, crlf('export const unicode: number = 33;\n'));
    await repo.work.commitAll('simple again');
    const passed = await repo.push(['origin', 'main']);
    expect(passed.output).toContain('all gates passed');
    expect(passed.exitCode).toBe(0);
  }, 400_000);
});
