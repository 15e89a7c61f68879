import type { Location, Log, ReportingDescriptor, Result, Run } from 'sarif';
import { blocks, type Diagnostic, type GateResult } from '../core/result.js';
import type { Output } from './output.js';
import type { Reporter, RunReport } from './reporter.js';

/** A repo-relative path as a relative URI reference (spaces and the like percent-encoded). */
export function pathToUriReference(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function locationOf(d: Diagnostic): Location[] | undefined {
  if (d.file === undefined) return undefined;
  const region =
    d.line === undefined
      ? undefined
      : {
          startLine: d.line,
          ...(d.column !== undefined ? { startColumn: d.column } : {}),
          ...(d.endLine !== undefined ? { endLine: d.endLine } : {}),
          ...(d.endColumn !== undefined ? { endColumn: d.endColumn } : {}),
        };
  return [{ physicalLocation: { artifactLocation: { uri: pathToUriReference(d.file), uriBaseId: '%SRCROOT%' }, ...(region ? { region } : {}) } }];
}

/** A gate that blocks without one located error (a build that exits 1) still gets a result. */
function diagnosticsOf(gate: GateResult): Diagnostic[] {
  if (blocks(gate.status) && !gate.diagnostics.some((d) => d.severity === 'error')) {
    return [{ code: `gatekeeper/${gate.status}`, message: `${gate.id} ${gate.status}: ${gate.summary}`, severity: 'error' }, ...gate.diagnostics];
  }
  return gate.diagnostics;
}

function runOf(gate: GateResult): Run {
  const diagnostics = diagnosticsOf(gate);
  const ruleIds = [...new Set(diagnostics.map((d) => d.code).filter((c): c is string => c !== undefined))];
  const absent = gate.baseline?.absent ?? [];
  for (const d of absent) if (d.code !== undefined && !ruleIds.includes(d.code)) ruleIds.push(d.code);
  const rules: ReportingDescriptor[] = ruleIds.map((id) => ({ id }));
  const toResult = (d: Diagnostic, state: Result.baselineState | undefined): Result => {
    const locations = locationOf(d);
    return {
      ...(d.code !== undefined ? { ruleId: d.code, ruleIndex: ruleIds.indexOf(d.code) } : {}),
      level: d.severity,
      message: { text: d.message },
      ...(locations ? { locations } : {}),
      ...(state ? { baselineState: state } : {}),
    };
  };
  // Hold the line, in SARIF's words: new, unchanged (pre-existing), absent (fixed by the change).
  const compared = gate.baseline !== undefined && gate.baseline.unknown === undefined;
  const results: Result[] = [
    ...diagnostics.map((d) => toResult(d, compared ? (d.baseline === 'existing' ? 'unchanged' : 'new') : undefined)),
    ...(compared ? absent.map((d) => toResult(d, 'absent')) : []),
  ];
  const tool = gate.tool ?? { name: `gatekeeper-${gate.kind}` };
  return {
    tool: { driver: { name: tool.name, ...(tool.version !== undefined ? { version: tool.version } : {}), rules } },
    // GitHub code scanning keeps one analysis per category; a category per gate keeps them apart.
    automationDetails: { id: `gatekeeper/${gate.id}/` },
    invocations: [{ executionSuccessful: gate.status !== 'errored' }],
    results,
    properties: { gate: gate.id, kind: gate.kind, status: gate.status, summary: gate.summary, durationMs: gate.durationMs },
  };
}

/** SARIF 2.1.0: one run per gate that ran, its tool as the driver, locations relative to the repository root. */
export function toSarif(results: readonly GateResult[]): Log {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: results.filter((r) => r.status !== 'skipped').map(runOf),
  };
}

export function sarifReporter(output: Output): Reporter {
  return {
    finish(report: RunReport) {
      output.write(`${JSON.stringify(toSarif(report.results), null, 2)}\n`);
    },
  };
}
