/**
 * A small but real TypeScript project: tsconfig, ESLint flat config, Vitest tests, a build
 * script. Each fault can be seeded on its own, and each has a known file, line and code.
 */
export interface Faults {
  typeError?: boolean;
  lintError?: boolean;
  complexFunction?: boolean;
  failingTest?: boolean;
  failingBuild?: boolean;
}

export const TSCONFIG = JSON.stringify(
  { compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: [] }, include: ['src'] },
  null,
  2,
);

export const ESLINT_CONFIG = `import js from '@eslint/js';
import tseslint from 'typescript-eslint';
export default [
  { ignores: ['dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: { process: 'readonly', console: 'readonly' } }, rules: { 'no-debugger': 'error', 'prefer-const': 'warn' } },
];
`;

export const VITEST_CONFIG = `export default { test: { include: ['test/**/*.test.ts'] } };\n`;

export const GATES_CONFIG = JSON.stringify(
  {
    failFast: false,
    gates: [
      { id: 'types', kind: 'typecheck' },
      { id: 'lint', kind: 'lint' },
      { id: 'complexity', kind: 'complexity', include: ['src/**/*.ts'] },
      { id: 'build', kind: 'build' },
      { id: 'tests', kind: 'test' },
    ],
  },
  null,
  2,
);

/** Cyclomatic complexity 15: fourteen `if`s. */
export function complexFunction(): string {
  const branches = Array.from({ length: 14 }, (_, i) => `  if (n === ${i}) return ${i * 2};`).join('\n');
  return `export function classify(n: number): number {\n${branches}\n  return -1;\n}\n`;
}

export function mathSource(faults: Faults): string {
  // Line 2 holds the type error; line 4 the lint error. Tests assert those lines.
  return [
    'export function add(a: number, b: number): number {',
    faults.typeError ? '  const total: number = String(a + b);' : '  const total: number = a + b;',
    '  return total;',
    faults.lintError ? '  debugger;' : '',
    '}',
    '',
  ].join('\n');
}

export function testSource(faults: Faults): string {
  return [
    "import { describe, expect, it } from 'vitest';",
    "import { add } from '../src/math.js';",
    '',
    "describe('add', () => {",
    "  it('adds two numbers', () => {",
    faults.failingTest ? '    expect(add(2, 2)).toBe(5);' : '    expect(add(2, 2)).toBe(4);',
    '  });',
    '});',
    '',
  ].join('\n');
}

export function tsProjectFiles(faults: Faults = {}): Record<string, string> {
  return {
    'package.json': JSON.stringify({ name: 'fixture', private: true, type: 'module', scripts: { build: faults.failingBuild ? 'node build.mjs --fail' : 'node build.mjs' } }, null, 2),
    'build.mjs': "if (process.argv.includes('--fail')) { console.error('build: cannot bundle src/math.ts'); process.exit(3); }\nconsole.log('built');\n",
    'tsconfig.json': TSCONFIG,
    'eslint.config.js': ESLINT_CONFIG,
    'vitest.config.mjs': VITEST_CONFIG,
    '.gitignore': 'node_modules\n.gatekeeper/\n',
    '.gatekeeper.json': GATES_CONFIG,
    'src/math.ts': mathSource(faults),
    'src/classify.ts': faults.complexFunction ? complexFunction() : 'export function classify(n: number): number {\n  return n > 0 ? 1 : -1;\n}\n',
    'test/math.test.ts': testSource(faults),
  };
}
