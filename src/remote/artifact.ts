import type { GateResult } from '../core/result.js';

/** Marks our artifacts apart from Turborepo task outputs that may share the team's store. */
const KIND = 'gatekeeper-result';
const FORMAT = 1;

interface Artifact {
  kind: typeof KIND;
  format: number;
  /** The cache key Gatekeeper computed; the reader checks it against its own. */
  key: string;
  result: GateResult;
}

/** Only verdicts reached by the tool travel; `errored` and `skipped` never do. */
export function shareable(result: GateResult): boolean {
  return result.status === 'passed' || result.status === 'failed';
}

export function encodeArtifact(key: string, result: GateResult): Buffer {
  const artifact: Artifact = { kind: KIND, format: FORMAT, key, result: { ...result, cached: false } };
  return Buffer.from(JSON.stringify(artifact));
}

function isResult(value: unknown): value is GateResult {
  const r = value as Partial<GateResult> | null;
  return (
    typeof r?.id === 'string' &&
    typeof r.kind === 'string' &&
    (r.status === 'passed' || r.status === 'failed') &&
    Array.isArray(r.diagnostics) &&
    typeof r.summary === 'string' &&
    typeof r.output === 'string' &&
    typeof r.durationMs === 'number'
  );
}

/**
 * The result an artifact holds, only when it says the key we asked for: a signed artifact of
 * another key (replayed under this hash by someone with write access) is not this tree's verdict.
 */
export function decodeArtifact(body: Buffer, key: string): GateResult | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  const artifact = parsed as Partial<Artifact> | null;
  if (artifact?.kind !== KIND || artifact.format !== FORMAT || artifact.key !== key || !isResult(artifact.result)) return undefined;
  return artifact.result;
}
