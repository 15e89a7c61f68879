import { formatDiagnostic, outputTail } from '../../format/diagnostic-text.js';
import { clip } from './clip.js';
import { fairShare } from './fair-share.js';
import type { DiagnosticGroup, GateView } from './group.js';
import { listLines } from './line-set.js';
import { normaliseMessage } from '../fingerprint.js';
import { overviewKey } from './overview.js';
import { standingMarker, type AgentChange } from './memory.js';
import { renderExcerpt } from './excerpt-set.js';

const AROUND = 2;
const EXTRA_MESSAGE_LINES = 8;
const TAIL_LINES = 12;

export interface DetailInput {
  views: readonly GateView[];
  room: number;
  readSource(file: string): string[] | undefined;
  lastChange?: AgentChange;
  /** `overviewKey(gate, file)` of the files whose every failing line the overview named. */
  namedInOverview: ReadonlySet<string>;
}

/** `src/a.ts:10:3 TS2322 message` for one, `src/a.ts lines 1–3, 5: TS2322 message (×5)` for several. */
function entryLine(g: DiagnosticGroup, change: AgentChange | undefined): string {
  const marker = standingMarker(g, change);
  const similar = g.variants > 1 ? ` (and ${g.variants - 1} similar)` : '';
  if (g.count === 1 || g.lines.length <= 1) {
    const times = g.count > 1 ? ` (×${g.count})` : '';
    return `${clip(formatDiagnostic(g.first), 240)}${times}${similar}${marker}\n`;
  }
  const firstLine = g.message.split('\n')[0] ?? '';
  const code = g.code !== undefined ? `${g.code} ` : '';
  const times = g.count > g.lines.length ? ` (×${g.count})` : '';
  return `${g.file ?? ''} lines ${listLines(g.lines)}: ${clip(`${code}${firstLine}`, 200)}${times}${similar}${marker}\n`;
}

/** The rest of a multi-line message (an assertion's expected and received, tsc's elaboration). */
function moreMessage(g: DiagnosticGroup): string {
  const rest = g.message.split('\n').slice(1).filter((l) => l.trim() !== '');
  return rest.slice(0, EXTRA_MESSAGE_LINES).map((l) => `    ${clip(l.trimEnd(), 160)}\n`).join('');
}

interface FileBlock {
  file: string | undefined;
  groups: DiagnosticGroup[];
}

function fileBlocks(groups: readonly DiagnosticGroup[]): FileBlock[] {
  const blocks: FileBlock[] = [];
  for (const g of groups) {
    const last = blocks.at(-1);
    if (last && last.file === g.file) last.groups.push(g);
    else blocks.push({ file: g.file, groups: [g] });
  }
  return blocks;
}

/** The chosen detail of one gate, rendered: entries per file, then the file's one merged excerpt. */
function renderGate(view: GateView, shown: ReadonlySet<DiagnosticGroup>, upgraded: ReadonlySet<DiagnosticGroup>, input: DetailInput): string {
  let out = `## ${view.result.id}\n`;
  for (const block of fileBlocks(view.groups.filter((g) => shown.has(g)))) {
    const around: number[] = [];
    const marked: number[] = [];
    for (const g of block.groups) {
      out += entryLine(g, input.lastChange);
      if (!upgraded.has(g)) continue;
      out += moreMessage(g);
      if (g.lines[0] !== undefined) around.push(g.lines[0]);
      marked.push(...g.lines);
    }
    if (block.file !== undefined && around.length > 0) out += renderExcerpt(input.readSource(block.file), around, marked, AROUND);
  }
  return out;
}

/** A gate that failed without a diagnostic: its summary's source, the tail of its output, last lines first in cost order. */
function tailItems(view: GateView): string[] {
  const lines = outputTail(view.result, TAIL_LINES).map((l) => `    ${clip(l, 160)}\n`);
  return lines.reverse();
}

/** One step of a gate's detail: show a group's entry, or add its excerpt and the rest of its message. */
interface Step {
  kind: 'entry' | 'upgrade';
  index: number;
  cost: number;
}

/** The excerpt text of one file with the given groups upgraded. */
function fileExcerpt(groups: readonly DiagnosticGroup[], input: DetailInput): string {
  const file = groups[0]?.file;
  if (file === undefined) return '';
  const anchors = groups.map((g) => g.lines[0]).filter((l) => l !== undefined);
  return renderExcerpt(input.readSource(file), anchors, groups.flatMap((g) => g.lines), AROUND);
}

/**
 * Whether a group only repeats what the digest already says: the overview named its file with every
 * failing line, an earlier group of the gate gives the same code, message and standing, and the last
 * change did not touch its file (entries there say which change the failure survived).
 */
function repeatsOf(view: GateView, input: DetailInput): boolean[] {
  const said = new Set<string>();
  const touched = new Set(input.lastChange?.files.map((f) => f.file) ?? []);
  return view.groups.map((g) => {
    const what = [g.code ?? '', normaliseMessage(g.message), g.standing].join('\u0001');
    const repeat = said.has(what) && input.namedInOverview.has(overviewKey(view.result.id, g.file)) && !(g.file !== undefined && touched.has(g.file));
    said.add(what);
    return repeat;
  });
}

/**
 * The order a gate spends its share in: the first group whole (entry, message, excerpt), then the
 * entries of the groups that say something new (positions before prose), then their excerpts, and
 * only then the groups that repeat what the overview and an earlier entry said — so when the room
 * is short it goes to the positions the overview had to leave out. Costs are exact: entries add
 * their line, an upgrade adds its message lines and what it adds to its file's merged excerpt.
 */
function stepsOf(view: GateView, input: DetailInput): Step[] {
  if (view.groups.length === 0) return [];
  const header = `## ${view.result.id}\n`.length;
  const entry = (i: number): Step => ({ kind: 'entry', index: i, cost: (i === 0 ? header : 0) + entryLine(view.groups[i] as DiagnosticGroup, input.lastChange).length });
  const upgradedByFile = new Map<string | undefined, DiagnosticGroup[]>();
  const upgrade = (i: number): Step => {
    const g = view.groups[i] as DiagnosticGroup;
    const before = upgradedByFile.get(g.file) ?? [];
    const after = [...before, g];
    upgradedByFile.set(g.file, after);
    return { kind: 'upgrade', index: i, cost: moreMessage(g).length + fileExcerpt(after, input).length - fileExcerpt(before, input).length };
  };
  const repeats = repeatsOf(view, input);
  const rest = view.groups.map((_, i) => i).slice(1);
  const fresh = rest.filter((i) => !repeats[i]);
  const said = rest.filter((i) => repeats[i]);
  return [entry(0), upgrade(0), ...fresh.map(entry), ...fresh.map(upgrade), ...said.map(entry), ...said.map(upgrade)];
}

/**
 * The detail after the overview: for each failing gate, its groups (new before still failing, in
 * the overview's file order) in the order of \`stepsOf\`,
 * every gate getting a fair share of the room and passing on what it does not need.
 */
export function renderDetail(input: DetailInput): string {
  const withGroups = input.views.filter((v) => v.groups.length > 0);
  const tails = input.views.filter((v) => v.groups.length === 0 && !v.duplicate);
  const steps = withGroups.map((v) => stepsOf(v, input));
  const tailCosts = tails.map((v) => tailItems(v).map((l, i) => l.length + (i === 0 ? `## ${v.result.id}\n`.length : 0)));
  const taken = fairShare([...steps.map((s) => s.map((step) => step.cost)), ...tailCosts], input.room);
  const rendered = withGroups.map((v, g) => {
    const chosen = (steps[g] ?? []).slice(0, taken[g] ?? 0);
    const pick = (kind: Step['kind']): Set<DiagnosticGroup> => new Set(chosen.filter((s) => s.kind === kind).map((s) => v.groups[s.index] as DiagnosticGroup));
    const shown = pick('entry');
    return shown.size === 0 ? '' : renderGate(v, shown, pick('upgrade'), input);
  });
  const tailText = tails.map((v, t) => {
    const n = taken[withGroups.length + t] ?? 0;
    return n === 0 ? '' : `## ${v.result.id}\n${tailItems(v).slice(0, n).reverse().join('')}`;
  });
  return [...rendered, ...tailText].join('');
}
