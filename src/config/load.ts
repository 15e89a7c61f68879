import path from 'node:path';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { ConfigError } from '../core/errors.js';
import { configFileFor, MINIMAL_EXAMPLE, readConfigText, type LoadedConfig } from './find.js';
import { findGate } from '../../gates/index.js';
import { configSchema, GATE_KINDS, type GatekeeperConfig } from './schema.js';
import { describeIssue, formatPath, type KnownKeys } from './describe-issues.js';
import { nearest } from './nearest.js';

export { CONFIG_FILE, findConfig, type LoadedConfig } from './find.js';

/** jsonc-parser's "CloseBraceExpected" → "close brace expected". */
function humanise(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

const knownKeys: KnownKeys = (issuePath, raw) => {
  if (issuePath.length === 0) return Object.keys(configSchema.shape);
  if (issuePath.length === 2 && issuePath[0] === 'gates' && typeof issuePath[1] === 'number') {
    const gate = (raw as { gates?: { kind?: unknown }[] }).gates?.[issuePath[1]];
    const definition = typeof gate?.kind === 'string' ? findGate(gate.kind) : undefined;
    return ['id', 'kind', 'timeout', ...(definition ? Object.keys(definition.options.shape) : [])];
  }
  return [];
};

/** An unknown kind is the commonest mistake; catch it before zod, to name the nearest kind. */
function unknownKinds(raw: unknown): string[] {
  const gates = (raw as { gates?: unknown }).gates;
  if (!Array.isArray(gates)) return [];
  return gates.flatMap((gate: unknown, index) => {
    const kind = (gate as { kind?: unknown } | null)?.kind;
    if (typeof kind !== 'string' || GATE_KINDS.includes(kind)) return [];
    const guess = nearest(kind, GATE_KINDS);
    return [`${formatPath(['gates', index, 'kind'])}: unknown gate kind "${kind}"${guess ? ` (did you mean "${guess}"?)` : ''}; the kinds are ${GATE_KINDS.join(', ')}`];
  });
}

export function parseConfig(text: string, file: string): GatekeeperConfig {
  const relative = path.relative(process.cwd(), file);
  const shown = relative === '' || relative.startsWith('..') ? file : relative;
  if (text.trim() === '') throw new ConfigError(`Invalid config ${shown}: the file is empty; expected a JSON object such as ${MINIMAL_EXAMPLE}.`);
  const errors: ParseError[] = [];
  const raw: unknown = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false });
  const firstError = errors[0];
  if (firstError) {
    const at = lineAndColumn(text, firstError.offset);
    throw new ConfigError(`Invalid config ${shown}: not valid JSON at line ${at.line}, column ${at.column} (${humanise(printParseErrorCode(firstError.error))}).`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(`Invalid config ${shown}: expected a JSON object with a "gates" array, such as ${MINIMAL_EXAMPLE}.`);
  }
  const kindProblems = unknownKinds(raw);
  if (kindProblems.length > 0) throw new ConfigError(`Invalid config ${shown}: ${kindProblems.join('; ')}.`);
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.slice(0, 5).map((issue) => describeIssue(issue, raw, knownKeys));
    const more = result.error.issues.length > 5 ? ` (and ${result.error.issues.length - 5} more problems)` : '';
    throw new ConfigError(`Invalid config ${shown}: ${lines.join('; ')}${more}.`);
  }
  return result.data;
}

export function loadConfig(configPath: string | undefined, cwd: string, repoRoot: string | undefined): LoadedConfig {
  const file = configFileFor(configPath, cwd, repoRoot);
  return { config: parseConfig(readConfigText(file), file), file, root: path.dirname(file) };
}
