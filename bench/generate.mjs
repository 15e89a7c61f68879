// Writes a synthetic TypeScript repository: N modules in a binary import tree that all import one
// shared module, a Vitest file per twenty modules, an ESLint flat config, a tsc build, a git history.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const pad = (i) => String(i).padStart(5, '0');
export const moduleName = (i) => `m${pad(i)}`;
/** Imported by every module: the "widely imported file". */
export const SHARED = 'src/shared.ts';
/** No module imports the last one: the "leaf file". */
export const leafOf = (n) => `src/${moduleName(n - 1)}.ts`;

export const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@gatekeeper.invalid',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@gatekeeper.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

export function sharedSource(variant = 0) {
  return `/** Shared helpers (variant ${variant}). */
export interface Measure {
  readonly label: string;
  readonly value: number;
}

export function scale(value: number, factor: number): number {
  return value * factor + ${variant};
}

export function describe(measure: Measure): string {
  return \`\${measure.label}=\${measure.value.toFixed(2)}\`;
}
`;
}

export function moduleSource(i, variant = 0) {
  const parent = i > 0 ? Math.floor((i - 1) / 2) : undefined;
  const imports = [`import { describe, scale, type Measure } from './shared.js';`];
  if (parent !== undefined) imports.push(`import { compute${pad(parent)} } from './${moduleName(parent)}.js';`);
  const base = parent !== undefined ? `compute${pad(parent)}(input - 1)` : '1';
  return `${imports.join('\n')}

export interface Result${pad(i)} extends Measure {
  readonly index: number;
}

/** Module ${i} (variant ${variant}). */
export function compute${pad(i)}(input: number): number {
  if (input <= 0) return ${i % 7};
  const previous = ${base};
  return scale(previous % 1000, ${(i % 5) + 1}) + ${variant};
}

export function report${pad(i)}(input: number): string {
  const result: Result${pad(i)} = { label: '${moduleName(i)}', value: compute${pad(i)}(input), index: ${i} };
  return describe(result);
}
`;
}

const PER_TEST_FILE = 20;

function testSource(group, n) {
  const members = [];
  for (let i = group * PER_TEST_FILE; i < Math.min(n, (group + 1) * PER_TEST_FILE); i++) members.push(i);
  const imports = members.map((i) => `import { compute${pad(i)}, report${pad(i)} } from '../src/${moduleName(i)}.js';`).join('\n');
  const cases = members
    .map((i) => `  it('computes ${moduleName(i)}', () => {\n    expect(compute${pad(i)}(0)).toBe(${i % 7});\n    expect(report${pad(i)}(0)).toContain('${moduleName(i)}=');\n  });`)
    .join('\n');
  return `import { describe, expect, it } from 'vitest';\n${imports}\n\ndescribe('group ${group}', () => {\n${cases}\n});\n`;
}

const files = (n) => ({
  'package.json': JSON.stringify({ name: `bench-${n}`, private: true, type: 'module', scripts: { build: 'tsc -p tsconfig.build.json' } }, null, 2),
  '.gitignore': 'dist/\n.gatekeeper/\nnode_modules/\n',
  'tsconfig.json': JSON.stringify(
    { compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: [] }, include: ['src', 'test'] },
    null,
    2,
  ),
  'tsconfig.build.json': JSON.stringify({ extends: './tsconfig.json', compilerOptions: { noEmit: false, outDir: 'dist', rootDir: 'src' }, include: ['src'] }, null, 2),
  'eslint.config.js': `import js from '@eslint/js';\nimport tseslint from 'typescript-eslint';\nexport default [\n  { ignores: ['dist/**', '.gatekeeper/**'] },\n  js.configs.recommended,\n  ...tseslint.configs.recommended,\n];\n`,
  'vitest.config.mjs': `export default { test: { include: ['test/**/*.test.ts'] } };\n`,
});

export function generateRepo(dir, n, extra = {}) {
  rmSync(dir, { recursive: true, force: true });
  const write = (rel, text) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  };
  for (const [rel, text] of Object.entries({ ...files(n), ...extra })) write(rel, text);
  write(SHARED, sharedSource());
  for (let i = 0; i < n; i++) write(`src/${moduleName(i)}.ts`, moduleSource(i));
  for (let g = 0; g * PER_TEST_FILE < n; g++) write(`test/g${pad(g)}.test.ts`, testSource(g, n));
  const git = (...args) => execFileSync('git', args, { cwd: dir, env: GIT_ENV, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '--no-verify', '-m', 'synthetic repository');
}
