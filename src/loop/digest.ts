import { blocks, type Diagnostic, type GateResult } from '../core/result.js';
import { formatDiagnostic, outputTail } from '../format/diagnostic-text.js';
import { describeChanges, newSincePrevious, type ChangeInput } from './digest-changes.js';
import { blockingDiagnostics, failureKey } from './fingerprint.js';
import { excerpt } from './source-excerpt.js';

export const DEFAULT_FEEDBACK_BUDGET = 6000;

export interface DigestInput extends ChangeInput {
  results: readonly GateResult[];
  attempt: number;
  maxAttempts: number;
  task?: string;
  /** Characters the whole digest may use. */
  budget: number;
  /** Where the full logs of this attempt are, repo-relative. */
  logsPath: string;
  readSource(file: string): string[] | undefined;
}

/** One piece of the digest: shown whole, shown as `short`, or counted in "N more not shown". */
interface Block {
  full: string;
  short: string;
}

/** `seen` is shared by the gates of one digest: a diagnostic two gates report (tsc in typecheck and build) is shown once. */
function byFile(diagnostics: readonly Diagnostic[], seen: Set<string>): Map<string, Diagnostic[]> {
  const groups = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const once = formatDiagnostic(d);
    if (seen.has(once)) continue;
    seen.add(once);
    const file = d.file ?? '(no file)';
    groups.set(file, [...(groups.get(file) ?? []), d]);
  }
  for (const list of groups.values()) list.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return groups;
}

function gateBlocks(result: GateResult, input: DigestInput, fresh: Map<string, number>, seen: Set<string>): Block[] {
  const header = `## ${result.id} (${result.kind}, ${result.status}): ${result.summary}\n`;
  const diagnostics = blockingDiagnostics(result);
  if (diagnostics.length === 0) {
    const tail = outputTail(result, 15).map((l) => `    ${l.slice(0, 200)}`).join('\n');
    return [{ full: `${header}${tail ? `${tail}\n` : ''}`, short: header }];
  }
  const groups = byFile(diagnostics, seen);
  if (groups.size === 0) return [{ full: `${header}(the same diagnostics as listed above)\n`, short: header }];
  const out: Block[] = [];
  let first = true;
  for (const [file, list] of groups) {
    let fileHeader = `### ${file}\n`;
    for (const d of list) {
      const line = `${formatDiagnostic(d)}${marker(result.id, d, input, fresh)}\n`;
      const context = excerpt(d.file ? input.readSource(d.file) : undefined, d.line).map((l) => `${l}\n`).join('');
      const prefix = `${first ? header : ''}${fileHeader}`;
      out.push({ full: `${prefix}${line}${context}`, short: `${prefix}${line}` });
      first = false;
      fileHeader = '';
    }
  }
  return out;
}

/** From attempt 2 on, each diagnostic says whether it is new or was failing before. */
function marker(gate: string, d: Diagnostic, input: DigestInput, fresh: Map<string, number>): string {
  if (input.history.length === 0) return '';
  const key = failureKey(gate, d);
  const left = fresh.get(key) ?? 0;
  if (left === 0) return '  [still failing]';
  fresh.set(key, left - 1);
  return '  [new]';
}

function headLines(input: DigestInput): string {
  const failing = input.results.filter((r) => blocks(r.status));
  const lines = [`# Gatekeeper feedback after attempt ${input.attempt} of ${input.maxAttempts}`, ''];
  if (input.task !== undefined) {
    const room = Math.floor(input.budget / 4);
    lines.push('Task:', input.task.length > room ? `${input.task.slice(0, room)}… (task cut short; see the task file)` : input.task, '');
  }
  lines.push(`These gates do not pass: ${failing.map((r) => `${r.id} (${r.summary})`).join('; ')}.`);
  lines.push(...describeChanges(input));
  if (input.results.some((r) => r.kind === 'guard')) lines.push('Fix the causes, not the checks: new suppressions, skipped or deleted tests and edits to the gate config are caught by the guard gate.');
  lines.push('');
  return `${lines.join('\n')}\n`;
}

function footer(hidden: number, logsPath: string): string {
  return `\n${hidden > 0 ? `… ${hidden} more not shown. ` : ''}Full logs: ${logsPath}\n`;
}

/**
 * Takes blocks round-robin across gates (so one noisy gate cannot crowd out the others), each
 * gate's in order: whole, else in its one-line form; a gate stops at its first block that does not
 * fit. Returns how many blocks of each gate are shown and in which form.
 */
function choose(perGate: readonly (readonly Block[])[], room: number): string[][] {
  const chosen: string[][] = perGate.map(() => []);
  const open = new Set(perGate.map((_, i) => i));
  let left = room;
  for (let round = 0; open.size > 0; round++) {
    for (const g of [...open]) {
      const block = perGate[g]?.[round];
      const piece = block === undefined ? undefined : block.full.length <= left ? block.full : block.short.length <= left ? block.short : undefined;
      if (piece === undefined) {
        open.delete(g);
        continue;
      }
      chosen[g]?.push(piece);
      left -= piece.length;
    }
  }
  return chosen;
}

function fit(head: string, perGate: readonly (readonly Block[])[], input: DigestInput): string {
  const total = perGate.reduce((sum, blocks) => sum + blocks.length, 0);
  const reserve = footer(total, input.logsPath).length;
  const top = head.slice(0, Math.max(0, input.budget - reserve));
  const chosen = choose(perGate, input.budget - reserve - top.length);
  const shown = chosen.reduce((sum, pieces) => sum + pieces.length, 0);
  return top + chosen.flat().join('') + footer(total - shown, input.logsPath);
}

/**
 * The feedback an agent gets after a failing gate run: small and exact. Grouped by gate then
 * file, each diagnostic once with a few source lines, within `budget` characters.
 */
export function buildDigest(input: DigestInput): string {
  const fresh = new Map<string, number>();
  for (const f of newSincePrevious(input)) fresh.set(f.key, (fresh.get(f.key) ?? 0) + 1);
  const seen = new Set<string>();
  const perGate = input.results.filter((r) => blocks(r.status)).map((r) => gateBlocks(r, input, fresh, seen));
  return fit(headLines(input), perGate, input);
}

/** The first call of a loop that has a task: the task, and what the gates will check. */
export function taskDigest(task: string, gates: readonly { id: string; kind: string }[], maxAttempts: number): string {
  return `# Gatekeeper task: attempt 1 of ${maxAttempts}\n\n${task}\n\nWhen you are done, these gates must pass: ${gates.map((g) => `${g.id} (${g.kind})`).join(', ')}.\n`;
}
