import { parse, type ParserPlugin } from '@babel/parser';

/**
 * Counts the test declarations in a test file's source, statically.
 *
 * Why static and not the runner's own count: the guard must know how many tests the base had,
 * and asking the runner would mean checking the base out, installing it and executing its code —
 * slow, and unsafe on an agent's tree. Deleting or commenting out an `it(...)` is how tests are
 * removed, and a parse sees exactly that (a commented-out test no longer counts). Tests made by
 * loops or helpers count once per call site, at the base and now alike, so the comparison holds.
 */

const TEST_FUNCTIONS = new Set(['it', 'test', 'xit', 'xtest', 'fit', 'ftest']);
/** `it.each(table)`, `it.skipIf(cond)` and `test.extend(fixtures)` return a test function; only its call is a test. */
const FACTORIES = new Set(['each', 'for', 'skipIf', 'runIf', 'extend', 'scoped']);

type Node = { type: string; [key: string]: unknown };

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** The identifier a callee chain starts from (`it` in `it.concurrent.skip`), and its last property. */
function calleeRoot(callee: Node): { root?: string; last?: string } {
  let node: Node = callee;
  let last: string | undefined;
  while (node.type === 'MemberExpression' || node.type === 'CallExpression') {
    if (node.type === 'MemberExpression') {
      const property = node['property'];
      if (last === undefined && isNode(property) && property.type === 'Identifier') last = property['name'] as string;
      node = node['object'] as Node;
    } else node = node['callee'] as Node;
  }
  return node.type === 'Identifier' ? { root: node['name'] as string, ...(last === undefined ? {} : { last }) } : {};
}

function isTestDeclaration(node: Node): boolean {
  if (node.type !== 'CallExpression') return false;
  const callee = node['callee'];
  if (!isNode(callee)) return false;
  const { root, last } = calleeRoot(callee);
  if (root === undefined || !TEST_FUNCTIONS.has(root)) return false;
  if (callee.type === 'MemberExpression' && last !== undefined && FACTORIES.has(last)) return false;
  // `it.each(...)` nested as callee of the counted call is skipped above; plain chains count once.
  return true;
}

function walk(node: unknown, visit: (n: Node) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit);
    return;
  }
  if (!isNode(node)) return;
  visit(node);
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc' || key === 'leadingComments' || key === 'trailingComments' || key === 'innerComments') continue;
    if (typeof value === 'object' && value !== null) walk(value, visit);
  }
}

function pluginsFor(file: string): ParserPlugin[] {
  const plugins: ParserPlugin[] = ['decorators-legacy'];
  if (/\.[cm]?tsx?$/.test(file)) plugins.push('typescript');
  if (/\.(?:tsx|jsx?|mjs|cjs)$/.test(file)) plugins.push('jsx');
  return plugins;
}

/** The number of test declarations, or undefined when the file does not parse. */
export function countTests(source: string, file: string): number | undefined {
  let ast;
  try {
    ast = parse(source, { sourceType: 'unambiguous', errorRecovery: true, plugins: pluginsFor(file) });
  } catch {
    return undefined;
  }
  let count = 0;
  walk(ast.program, (node) => {
    if (isTestDeclaration(node)) count++;
  });
  return count;
}

/** A removed line that declared a test (for pointing a finding at where the test used to be). */
export function declaresTest(line: string): boolean {
  return /(?<![\w.$])[xf]?(?:it|test)(?:\.\w+)*\s*\(/.test(line);
}
