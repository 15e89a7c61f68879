import { createRequire } from 'node:module';
import { parse, type ParserPlugin } from '@babel/parser';

const require = createRequire(import.meta.url);

interface EscomplexMethod {
  name: string;
  lineStart: number;
  cyclomatic: number;
  paramCount: number;
}
interface EscomplexReport {
  maintainability: number;
  methods: EscomplexMethod[];
  classes: { name: string; methods: EscomplexMethod[] }[];
}
interface Escomplex {
  analyzeModuleAST(ast: unknown, options?: Record<string, unknown>): EscomplexReport;
}

export interface FunctionMetrics {
  name: string;
  line: number;
  cyclomatic: number;
  params: number;
}

export interface ModuleMetrics {
  maintainability: number;
  functions: FunctionMetrics[];
}

type Node = Record<string, unknown> & { type?: string };
type Generator = (this: Record<string, Generator>, node: Node, state: { output: { write(text: string): void } }) => void;

let escomplex: Escomplex | undefined;

/**
 * escomplex's code generator (used to name Halstead operands) knows only part of Babel's AST and
 * throws on the rest (await, optional chains, class members...). Nodes it lacks are named by
 * their type, which keeps every metric escomplex computes while letting it walk any file.
 */
function loadEscomplex(): Escomplex {
  if (escomplex) return escomplex;
  const syntaxModule = require('typhonjs-escomplex-commons/dist/utils/ast/astSyntax.js') as { default?: Record<string, Generator> };
  const syntax = syntaxModule.default ?? (syntaxModule as Record<string, Generator>);
  const fallback: Generator = function (node, state) {
    const inner = (node['argument'] ?? node['expression'] ?? node['callee'] ?? node['object']) as Node | undefined;
    const generate = inner?.type === undefined ? undefined : this[inner.type];
    if (inner && generate) {
      state.output.write(`${String(node.type)} `);
      generate.call(this, inner, state);
      return;
    }
    state.output.write(String(node['name'] ?? node['value'] ?? node.type));
  };
  if (!Object.prototype.hasOwnProperty.call(syntax, '__gatekeeperFallback')) {
    Object.setPrototypeOf(syntax, new Proxy({}, { get: (_target, key) => (typeof key === 'string' && /^[A-Z]/.test(key) ? fallback : undefined) }));
    Object.defineProperty(syntax, '__gatekeeperFallback', { value: true });
  }
  const loaded = require('typhonjs-escomplex') as { default?: Escomplex } & Escomplex;
  escomplex = loaded.default ?? loaded;
  return escomplex;
}

const TYPE_ONLY_KEYS = new Set(['typeAnnotation', 'returnType', 'typeParameters', 'superTypeParameters', 'implements', 'decorators', 'typeArguments']);
const UNWRAPPED = new Set(['TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'TSTypeAssertion', 'TSInstantiationExpression']);
const SKIPPED_KEYS = new Set(['loc', 'comments', 'leadingComments', 'trailingComments', 'innerComments', 'extra']);

function isTypeDeclaration(type: string): boolean {
  if (type === 'TSParameterProperty' || !type.startsWith('TS')) return false;
  return type.endsWith('Declaration') || type === 'TSExportAssignment' || type === 'TSDeclareMethod' || type === 'TSIndexSignature';
}

function isTypeOnlyStatement(node: Node): boolean {
  const type = node.type ?? '';
  if (isTypeDeclaration(type) || node['declare'] === true) return true;
  if (type === 'ImportDeclaration') return node['importKind'] === 'type';
  if (type !== 'ExportNamedDeclaration') return false;
  const declaration = node['declaration'] as Node | null | undefined;
  return node['exportKind'] === 'type' || (declaration != null && isTypeOnlyStatement(declaration));
}

function isTypeOnlyItem(item: unknown): boolean {
  return item !== null && typeof item === 'object' && isTypeOnlyStatement(item as Node);
}

/**
 * Turns Babel's TypeScript AST into the plain JavaScript AST escomplex understands: type-only
 * declarations and annotations go, `x as T` / `x!` become `x`, parameter properties become
 * their parameter. Control flow is untouched, so the metrics are those of the emitted code.
 */
function stripTypes(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => !isTypeOnlyItem(item)).map(stripTypes);
  if (!value || typeof value !== 'object') return value;
  const node = value as Node;
  if (node.type === 'TSParameterProperty') return stripTypes(node['parameter']);
  if (node.type !== undefined && UNWRAPPED.has(node.type)) return stripTypes(node['expression']);
  if (node.type === 'RegExpLiteral') node['regex'] ??= { pattern: node['pattern'], flags: node['flags'] };
  countAsBranch(node);
  stripChildren(node);
  return node;
}

/**
 * escomplex never counts `for...of` (it tests a `node.test` that loops of that kind lack) and
 * counts only `&&`/`||` among logical operators. `for...of` is a loop like `for...in` and `??`
 * a branch like `||`, so they are renamed to what escomplex counts; the shape is unchanged.
 */
function countAsBranch(node: Node): void {
  if (node.type === 'ForOfStatement') node.type = 'ForInStatement';
  else if (node.type === 'LogicalExpression' && node['operator'] === '??') node['operator'] = '||';
}

function stripChildren(node: Node): void {
  for (const key of Object.keys(node)) {
    if (SKIPPED_KEYS.has(key)) continue;
    if (TYPE_ONLY_KEYS.has(key)) {
      delete node[key];
      continue;
    }
    const child = node[key];
    if (child && typeof child === 'object') node[key] = stripTypes(child);
  }
}

export class SourceParseError extends Error {
  constructor(
    message: string,
    readonly line: number | undefined,
    readonly column: number | undefined,
  ) {
    super(message);
  }
}

export function analyzeSource(source: string, fileName: string): ModuleMetrics {
  const jsx = /\.(tsx|jsx)$/.test(fileName) || /\.js$/.test(fileName);
  const typescript = /\.(ts|tsx|mts|cts)$/.test(fileName);
  const plugins: ParserPlugin[] = ['decorators-legacy'];
  if (typescript) plugins.push('typescript');
  if (jsx) plugins.push('jsx');
  let ast: unknown;
  try {
    // errorRecovery: Babel rejects some code TypeScript accepts (a required tuple element after an
    // optional one in a type test); those errors are recoverable, and a type error is the typecheck
    // gate's to report, not a reason to leave a file's complexity unknown. Real syntax errors still throw.
    ast = parse(source, { sourceType: 'unambiguous', plugins, errorRecovery: true, allowReturnOutsideFunction: true });
  } catch (error) {
    const e = error as Error & { loc?: { line: number; column: number } };
    throw new SourceParseError(e.message, e.loc?.line, e.loc === undefined ? undefined : e.loc.column + 1);
  }
  // forin/trycatch: count `for...in` loops and `catch` clauses as branches, as McCabe does.
  const report = loadEscomplex().analyzeModuleAST(stripTypes(ast), { forin: true, trycatch: true, logicalor: true, switchcase: true });
  const toMetrics = (m: EscomplexMethod, owner?: string): FunctionMetrics => ({
    name: owner ? `${owner}.${m.name}` : m.name,
    line: m.lineStart,
    cyclomatic: m.cyclomatic,
    params: m.paramCount,
  });
  const functions = [...report.methods.map((m) => toMetrics(m)), ...report.classes.flatMap((c) => c.methods.map((m) => toMetrics(m, c.name)))];
  return { maintainability: report.maintainability, functions };
}
