import { afterAll, describe, expect, it } from 'vitest';
import { makeProject, parseJsonReport, type Project } from './helpers/project.js';
import { ESLINT_CONFIG, mathSource, testSource } from './helpers/ts-project.js';
import { COMPLEXITY_EXCLUDE } from '../src/init/plan.js';

const projects: Project[] = [];
afterAll(() => projects.forEach((p) => p.cleanup()));

async function project(name: string, files: Record<string, string>): Promise<Project> {
  const made = await makeProject(name, files);
  projects.push(made);
  return made;
}

interface WrittenConfig {
  $schema: string;
  gates: { id: string; kind: string; [option: string]: unknown }[];
}

function configOf(p: Project): WrittenConfig {
  return JSON.parse(p.read('.gatekeeper.json')) as WrittenConfig;
}

/** The produced config must run and pass on a clean project, not merely parse. */
async function expectRunPasses(p: Project): Promise<void> {
  const run = await p.gatekeeper(['run', '--json', '--no-fail-fast']);
  const report = parseJsonReport(run.stdout);
  expect(report.gates.map((g) => [g.id, g.status, g.summary])).toEqual(report.gates.map((g) => [g.id, 'passed', g.summary]));
  expect(run.exitCode).toBe(0);
}

const strictTsconfig = (include: string[]): string =>
  JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: [] }, include }, null, 2);

describe('gatekeeper init', () => {
  it('sets up a library with src/ and test/: all five gates, cheapest first, and they pass', async () => {
    const p = await project('init-library', {
      'package.json': JSON.stringify({ name: 'lib', type: 'module', scripts: { build: 'node build.mjs', test: 'vitest run' }, devDependencies: { vitest: '4.1.12', typescript: '6.0.3' } }),
      'build.mjs': "console.log('built');\n",
      'tsconfig.json': strictTsconfig(['src', 'test']),
      'eslint.config.js': ESLINT_CONFIG,
      'src/math.ts': mathSource({}),
      'test/math.test.ts': testSource({}),
    });
    const init = await p.gatekeeper(['init']);
    expect(init.stderr).toBe('');
    expect(init.exitCode).toBe(0);
    const config = configOf(p);
    expect(config.$schema).toBe('./node_modules/gatekeeper-cli/schema/gatekeeper.schema.json');
    expect(config.gates).toEqual([
      { id: 'typecheck', kind: 'typecheck', project: 'tsconfig.json' },
      { id: 'lint', kind: 'lint' },
      { id: 'complexity', kind: 'complexity', include: ['src/**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'], exclude: COMPLEXITY_EXCLUDE },
      { id: 'build', kind: 'build' },
      { id: 'test', kind: 'test', runner: 'vitest' },
    ]);
    expect(init.stdout).toContain('typecheck: found tsconfig.json');
    expect(init.stdout).toContain('lint: found the ESLint flat config eslint.config.js');
    expect(init.stdout).toContain('complexity: found TypeScript/JavaScript sources in src/');
    expect(init.stdout).toContain('build: package.json has a build script (node build.mjs)');
    expect(init.stdout).toContain('test: follows "test": vitest run');
    expect(p.read('.gitignore')).toBe('.gatekeeper/\n');
    await expectRunPasses(p);
  });

  it('finds Vitest by its config when tests sit beside the sources, and leaves out what is not there', async () => {
    const p = await project('init-beside', {
      'package.json': JSON.stringify({ name: 'beside', type: 'module' }),
      'tsconfig.json': strictTsconfig(['src']),
      'vitest.config.mjs': "export default { test: { include: ['src/**/*.test.ts'] } };\n",
      'src/math.ts': mathSource({}),
      'src/math.test.ts': testSource({}).replace('../src/math.js', './math.js'),
      '.gitignore': 'node_modules',
    });
    const init = await p.gatekeeper(['init']);
    expect(init.exitCode).toBe(0);
    expect(configOf(p).gates.map((g) => g.id)).toEqual(['typecheck', 'complexity', 'test']);
    expect(init.stdout).toContain('test: vitest.config.mjs exists');
    // Appended on a line of its own, after a last line that had no newline.
    expect(p.read('.gitignore')).toBe('node_modules\n.gatekeeper/\n');
    await expectRunPasses(p);
  });

  it('picks a custom tsconfig name when there is no tsconfig.json, the application\'s before the tooling\'s', async () => {
    const p = await project('init-custom-tsconfig', {
      'package.json': JSON.stringify({ name: 'app', type: 'module' }),
      'tsconfig.node.json': strictTsconfig(['vite.config.ts']),
      'tsconfig.app.json': strictTsconfig(['src']),
      'vite.config.ts': 'export default {};\n',
      'src/main.ts': mathSource({}),
      '.gitignore': '# build output\ndist/\n/.gatekeeper/\n',
    });
    const init = await p.gatekeeper(['init']);
    expect(init.exitCode).toBe(0);
    expect(configOf(p).gates).toEqual([
      { id: 'typecheck', kind: 'typecheck', project: 'tsconfig.app.json' },
      { id: 'complexity', kind: 'complexity', include: ['src/**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'], exclude: COMPLEXITY_EXCLUDE },
    ]);
    expect(init.stdout).toContain('typecheck: found tsconfig.app.json (there is no tsconfig.json)');
    expect(init.stdout).toContain('also found tsconfig.node.json');
    expect(p.read('.gitignore')).toBe('# build output\ndist/\n/.gatekeeper/\n');
    expect(init.stdout).toContain('.gitignore already ignores .gatekeeper/');
    await expectRunPasses(p);

    // The chosen config is really checked: a type error in src/ now fails the run.
    p.write('src/main.ts', mathSource({ typeError: true }));
    const failing = await p.gatekeeper(['run', '--json', '--only', 'typecheck']);
    expect(failing.exitCode).toBe(1);
    expect(parseJsonReport(failing.stdout).gates[0]?.diagnostics[0]).toMatchObject({ file: 'src/main.ts', line: 2, code: 'TS2322' });
  });

  it('keeps tsconfig.json when it is a solution file, naming the projects it references', async () => {
    const p = await project('init-solution-tsconfig', {
      'package.json': JSON.stringify({ name: 'app', type: 'module' }),
      'tsconfig.json': JSON.stringify({ files: [], references: [{ path: './tsconfig.app.json' }, { path: './tsconfig.node.json' }] }),
      'tsconfig.app.json': strictTsconfig(['src']),
      'tsconfig.node.json': strictTsconfig(['vite.config.ts']),
      'tsconfig.spec.json': strictTsconfig(['test']),
      'vite.config.ts': 'export default {};\n',
      'src/main.ts': mathSource({}),
    });
    const init = await p.gatekeeper(['init']);
    expect(configOf(p).gates[0]).toEqual({ id: 'typecheck', kind: 'typecheck', project: 'tsconfig.json' });
    expect(init.stdout).toContain('a solution file (the gate checks each project it references: tsconfig.app.json, tsconfig.node.json)');
    expect(init.stdout).toContain('also found tsconfig.spec.json');
    await expectRunPasses(p);
  });

  it('sets up a JavaScript project without TypeScript, following its node --test script', async () => {
    const p = await project('init-js', {
      'package.json': JSON.stringify({ name: 'js', type: 'module', scripts: { test: 'node --test' } }),
      'eslint.config.mjs': "import js from '@eslint/js';\nexport default [js.configs.recommended, { languageOptions: { globals: { console: 'readonly' } } }];\n",
      'index.mjs': 'export function greet(name) {\n  return `hello ${name}`;\n}\nconsole.log(greet("you"));\n',
      'test/greet.test.mjs': "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { greet } from '../index.mjs';\n\ntest('greets', () => {\n  assert.equal(greet('a'), 'hello a');\n});\n",
    });
    const init = await p.gatekeeper(['init']);
    expect(init.exitCode).toBe(0);
    expect(configOf(p).gates).toEqual([
      { id: 'lint', kind: 'lint' },
      { id: 'complexity', kind: 'complexity', include: ['*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'], exclude: COMPLEXITY_EXCLUDE },
      { id: 'test', kind: 'test', runner: 'node' },
    ]);
    expect(init.stdout).toContain('test: follows "test": node --test');
    await expectRunPasses(p);
  });

  it('finds the sources in source/ (as in sindresorhus/ky) and measures them for the complexity gate', async () => {
    const p = await project('init-source-dir', {
      'package.json': JSON.stringify({ name: 'ky-like', type: 'module' }),
      'eslint.config.mjs': "import js from '@eslint/js';\nexport default [js.configs.recommended];\n",
      'source/index.js': 'export function greet(name) {\n  return `hello ${name}`;\n}\n',
    });
    const init = await p.gatekeeper(['init']);
    expect(init.exitCode).toBe(0);
    expect(configOf(p).gates).toEqual([
      { id: 'lint', kind: 'lint' },
      { id: 'complexity', kind: 'complexity', include: ['source/**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'], exclude: COMPLEXITY_EXCLUDE },
    ]);
    expect(init.stdout).toContain('found TypeScript/JavaScript sources in source/');
    await expectRunPasses(p);
  });

  it('refuses to overwrite a config without --force, replaces it with --force, and ignores the cache once', async () => {
    const p = await project('init-force', {
      'package.json': JSON.stringify({ name: 'f', type: 'module' }),
      'tsconfig.json': strictTsconfig(['src']),
      'src/math.ts': mathSource({}),
      '.gatekeeper.json': '{ "gates": [ { "id": "mine", "kind": "command", "command": "true" } ] }\n',
    });
    const refused = await p.gatekeeper(['init']);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/\.gatekeeper\.json already exists.*--force/);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    expect(p.read('.gatekeeper.json')).toContain('"mine"');

    expect((await p.gatekeeper(['init', '--force'])).exitCode).toBe(0);
    expect((await p.gatekeeper(['init', '--force'])).exitCode).toBe(0);
    expect(configOf(p).gates.map((g) => g.id)).toEqual(['typecheck', 'complexity']);
    expect(p.read('.gitignore')).toBe('.gatekeeper/\n');
  });

  it('exits 2 in a folder with nothing to gate, writing nothing', async () => {
    const p = await project('init-empty', { 'README.md': '# notes\n' });
    const result = await p.gatekeeper(['init']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('found nothing to gate');
    expect(() => p.read('.gatekeeper.json')).toThrow();
  });
});
