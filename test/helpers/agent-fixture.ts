import { expect } from 'vitest';
import { makeProject, type Project } from './project.js';
import { TSCONFIG } from './ts-project.js';

export const GOOD = 'export const a: number = 1;\nexport const b: string = "b";\n';
export const BAD = 'export const a: number = "a";\nexport const b: string = "b";\n';
export const OTHER_BAD = 'export const a: number = 1;\nexport const b: string = 2;\n';

/** tsc's own line format for a mistyped `export const x: T = v;`, a hundred times cheaper than tsc. */
const CHECKER = `import { readFileSync } from 'node:fs';
let bad = 0;
readFileSync('src/values.ts', 'utf8').split('\\n').forEach((line, i) => {
  const m = /^export const (\\w+): (number|string) = (.*);/.exec(line);
  if (!m) return;
  const actual = /^\\d/.test(m[3]) ? 'number' : 'string';
  if (actual === m[2]) return;
  bad++;
  console.log('src/values.ts(' + (i + 1) + ',14): error TS2322: Type ' + "'" + actual + "'" + ' is not assignable to type ' + "'" + m[2] + "'.");
});
process.exit(bad > 0 ? 2 : 0);
`;

export const TSC = { id: 'types', kind: 'typecheck' };
export const CHEAP = { id: 'types', kind: 'command', command: 'node check.mjs' };

/** A committed TypeScript project with the host's hooks installed by `gatekeeper install --agent`. */
export async function hostProject(name: string, host: string, gates: Record<string, unknown>[], loop: Record<string, unknown> = {}): Promise<Project> {
  const project = await makeProject(`agents-${name}`, {
    '.gitignore': '.gatekeeper/\n',
    'package.json': JSON.stringify({ name: 'fixture', private: true, type: 'module' }),
    'tsconfig.json': TSCONFIG,
    'check.mjs': CHECKER,
    '.gatekeeper.json': JSON.stringify({ gates, loop }),
    'src/values.ts': GOOD,
  });
  const installed = await project.gatekeeper(['install', '--agent', host]);
  expect(installed.exitCode, installed.stderr).toBe(0);
  await project.commitAll('hooks');
  return project;
}

export function agentLines(project: Project): Record<string, unknown>[] {
  return project
    .read('.gatekeeper/history.jsonl')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((e) => e['command'] === 'agent');
}
