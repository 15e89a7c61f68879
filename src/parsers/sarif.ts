import { fileURLToPath } from 'node:url';
import type { Diagnostic, ToolInfo } from '../core/result.js';
import { ReportFormatError, asArray, asRecord, parseJsonReport, positiveInt, textOf } from './report-json.js';

/** What a SARIF 2.1.0 log says, as Gatekeeper's diagnostics. */
export interface SarifParse {
  /** `file` is an absolute path for `file:` URIs, else the URI's path as written (relative to the tool's folder). */
  diagnostics: Diagnostic[];
  /** The first run's driver: the program whose verdict this is. */
  tool?: ToolInfo;
}

type Json = Record<string, unknown>;

/** A URI of the log, as a file path: `file:` URIs become absolute paths, relative ones are decoded. */
function uriToPath(uri: string, baseUri: string | undefined): string {
  const base = baseUri !== undefined && !baseUri.endsWith('/') ? `${baseUri}/` : baseUri;
  try {
    const url = base !== undefined ? new URL(uri, base) : /^[a-z][\w+.-]*:/i.test(uri) ? new URL(uri) : undefined;
    if (url?.protocol === 'file:') return fileURLToPath(url);
    if (url) return url.href;
  } catch {
    // not a URL: a plain path, which some tools write (Biome writes absolute paths without a scheme)
  }
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}

/** The file of a result: its location's URI, or the artifact it points at, resolved against uriBaseId. */
function fileOf(artifactLocation: Json | undefined, run: Json): string | undefined {
  if (!artifactLocation) return undefined;
  let location: Json | undefined = artifactLocation;
  if (typeof location['uri'] !== 'string') {
    const index = location['index'];
    const artifacts = Array.isArray(run['artifacts']) ? run['artifacts'] : [];
    location = typeof index === 'number' ? asRecord(asRecord(artifacts[index])?.['location']) : undefined;
  }
  const uri = location?.['uri'];
  if (typeof uri !== 'string' || uri === '') return undefined;
  const baseId = location?.['uriBaseId'];
  const bases = asRecord(run['originalUriBaseIds']);
  const base = typeof baseId === 'string' ? asRecord(bases?.[baseId])?.['uri'] : undefined;
  return uriToPath(uri, typeof base === 'string' ? base : undefined);
}

function ruleOf(result: Json, run: Json): Json | undefined {
  const rules = asArray(asRecord(asRecord(run['tool'])?.['driver'])?.['rules']) ?? [];
  const index = result['ruleIndex'];
  if (typeof index === 'number') return asRecord(rules[index]);
  const id = result['ruleId'];
  return rules.map(asRecord).find((r) => r?.['id'] === id);
}

/** SARIF's level: the result's own, else its rule's default, else `warning` (SARIF §3.27.10). */
function levelOf(result: Json, rule: Json | undefined): string {
  if (typeof result['level'] === 'string') return result['level'];
  const configured = asRecord(rule?.['defaultConfiguration'])?.['level'];
  return typeof configured === 'string' ? configured : 'warning';
}

/** A result that is not a finding: a passing check, a suppressed one, or `none`. */
function isFinding(result: Json, level: string): boolean {
  const kind = result['kind'];
  if (kind !== undefined && kind !== 'fail' && kind !== 'open' && kind !== 'review') return false;
  const suppressions = asArray(result['suppressions']) ?? [];
  if (suppressions.some((s) => asRecord(s)?.['status'] === undefined || asRecord(s)?.['status'] === 'accepted')) return false;
  return level !== 'none';
}

function toDiagnostic(result: Json, run: Json): Diagnostic | undefined {
  const rule = ruleOf(result, run);
  const level = levelOf(result, rule);
  if (!isFinding(result, level)) return undefined;
  const ruleId = typeof result['ruleId'] === 'string' ? result['ruleId'] : typeof rule?.['id'] === 'string' ? rule['id'] : undefined;
  const physical = asRecord(asRecord((asArray(result['locations']) ?? [])[0])?.['physicalLocation']);
  const region = asRecord(physical?.['region']);
  const message = textOf(asRecord(result['message'])?.['text']) ?? textOf(asRecord(rule?.['shortDescription'])?.['text']) ?? ruleId ?? 'finding';
  return {
    file: fileOf(asRecord(physical?.['artifactLocation']), run),
    line: positiveInt(region?.['startLine']),
    column: positiveInt(region?.['startColumn']),
    endLine: positiveInt(region?.['endLine']),
    endColumn: positiveInt(region?.['endColumn']),
    code: ruleId,
    message,
    severity: level === 'error' ? 'error' : 'warning',
  };
}

function toolOf(run: Json | undefined): ToolInfo | undefined {
  const driver = asRecord(asRecord(run?.['tool'])?.['driver']);
  const name = driver?.['name'];
  if (typeof name !== 'string') return undefined;
  const version = driver?.['version'] ?? driver?.['semanticVersion'];
  return typeof version === 'string' ? { name, version } : { name };
}

/**
 * A SARIF 2.1.0 log (Biome, oxlint, Semgrep, CodeQL, Ruff…) as diagnostics. Throws a
 * ReportFormatError, never anything else, when the text is not a SARIF log.
 */
export function parseSarif(text: string): SarifParse {
  const log = parseJsonReport(text, 'SARIF log');
  const runs = asArray(log['runs']);
  if (!runs) throw new ReportFormatError('not a SARIF log: it has no "runs" array');
  const diagnostics: Diagnostic[] = [];
  runs.forEach((value, r) => {
    const run = asRecord(value);
    if (!run) throw new ReportFormatError(`not a SARIF log: runs[${r}] is not an object`);
    const results = run['results'] === undefined || run['results'] === null ? [] : asArray(run['results']);
    if (!results) throw new ReportFormatError(`not a SARIF log: runs[${r}].results is not an array`);
    results.forEach((item, i) => {
      const result = asRecord(item);
      if (!result) throw new ReportFormatError(`not a SARIF log: runs[${r}].results[${i}] is not an object`);
      const diagnostic = toDiagnostic(result, run);
      if (diagnostic) diagnostics.push(diagnostic);
    });
  });
  const tool = toolOf(asRecord(runs[0]));
  return tool ? { diagnostics, tool } : { diagnostics };
}
