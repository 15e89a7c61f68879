import { blocks, type Diagnostic, type GateResult } from '../core/result.js';
import type { PushTarget } from '../git/push-range.js';

export const BYPASS_HINT = 'To push anyway, skipping the gates: git push --no-verify (or GATEKEEPER=0 git push).';

function where(diagnostic: Diagnostic | undefined): string | undefined {
  if (diagnostic?.file === undefined) return undefined;
  const at = diagnostic.line !== undefined ? `:${diagnostic.line}${diagnostic.column !== undefined ? `:${diagnostic.column}` : ''}` : '';
  return `${diagnostic.file}${at}${diagnostic.code ? ` (${diagnostic.code})` : ''}`;
}

export function refNames(target: PushTarget): string {
  return target.ranges.map((r) => r.update.remoteRef.replace(/^refs\/(heads|tags)\//, '')).join(', ');
}

/** The hook's last lines when a gate blocks: which gate, where to look, how to bypass. */
export function blockedLines(results: readonly GateResult[], target: PushTarget, snapshot: boolean): string[] {
  const failing = results.filter((r) => blocks(r.status));
  if (failing.length === 0) {
    return [`gatekeeper: push blocked — no gate ran on ${refNames(target)} at ${target.tip.slice(0, 12)}, and no verdict is not a pass (did GATEKEEPER_SKIP leave out every gate?).`, `  ${BYPASS_HINT}`];
  }
  const names = failing.map((r) => `"${r.id}" (${r.kind}, ${r.status})`).join(', ');
  const lines = [`gatekeeper: push blocked — gate ${names} did not pass on ${refNames(target)} at ${target.tip.slice(0, 12)}.`];
  for (const result of failing) {
    const first = result.diagnostics.find((d) => d.severity === 'error') ?? result.diagnostics[0];
    const place = where(first);
    lines.push(`  ${result.id}: ${result.summary}${place ? ` — look at ${place}` : ' — see its output above'}; \`gatekeeper run --only ${result.id}\` runs it again.`);
  }
  if (snapshot) lines.push(`  These results are for the pushed commit ${target.tip.slice(0, 12)}, not for your uncommitted edits.`);
  lines.push(`  ${BYPASS_HINT}`);
  return lines;
}

/** When the hook cannot reach a verdict, the push is blocked; these lines say why and how to bypass. */
export function noVerdictLines(message: string): string[] {
  return [`gatekeeper: ${message}`, 'gatekeeper: push blocked — the pre-push gates could not reach a verdict, and an unknown verdict is not a pass.', `  ${BYPASS_HINT}`];
}
