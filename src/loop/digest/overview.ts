import type { FileSummary, GateView } from './group.js';
import { compressLines, describeLines } from './line-set.js';
import { clip } from './clip.js';

const CODES_SHOWN = 3;
const LINE_WIDTH = 160;
/** Room for a file's line set in its overview line; past it the line gives a span with a count. */
const LINES_ROOM = 40;

function codeList(f: FileSummary): string {
  const parts = f.codes.slice(0, CODES_SHOWN).map((c) => `${c.count} × ${c.code === '' ? '(no code)' : clip(c.code, 40)}`);
  if (f.codes.length > CODES_SHOWN) parts.push(`+${f.codes.length - CODES_SHOWN} more codes`);
  return parts.join(', ');
}

/** `src/many07.ts — 10 × TS2322 (lines 1–10)` */
export function fileLine(f: FileSummary, exact = false): string {
  const lines = f.lines.length === 0 ? '' : exact ? ` (lines ${compressLines(f.lines)})` : ` (${describeLines(f.lines, LINES_ROOM)})`;
  return `${f.file ?? '(no file)'} — ${codeList(f)}${lines}`;
}

/** Whether the file's overview line names every one of its failing lines (not a span, not cut). */
function namesEveryLine(f: FileSummary): boolean {
  return f.file !== undefined && f.lines.length > 0 && compressLines(f.lines).length <= LINES_ROOM && fileLine(f).length <= LINE_WIDTH;
}

/** The key of a gate's file in `Overview.exact`. */
export function overviewKey(gate: string, file: string | undefined): string {
  return `${gate}\u0000${file ?? ''}`;
}

export function gateHeader(view: GateView): string {
  const r = view.result;
  return clip(`${r.id} (${r.kind}, ${r.status}): ${r.summary.split('\n')[0] ?? ''}`, 120);
}

/** A gate that lists no file of its own: why. */
function gateNote(view: GateView, earlier: readonly GateView[]): string | undefined {
  if (view.duplicate) {
    const other = earlier.find((v) => v.files.length > 0);
    return `  (the same diagnostics as ${other ? other.result.id : 'above'})`;
  }
  return undefined;
}

function moreLine(hidden: number): string {
  return `  … and ${hidden} more file${hidden === 1 ? '' : 's'}\n`;
}

function listLine(fullListPath: string): string {
  return `(full list: ${fullListPath})\n`;
}

export interface Overview {
  text: string;
  /** `overviewKey(gate, file)` of every file whose line the overview shows with all its failing lines. */
  exact: Set<string>;
}

/** What the overview will show: how many files of each gate, and whether the "more" lines fit. */
interface Choice {
  shown: number[];
  withMore: boolean;
}

const TITLE = 'Failing now:\n';

function headsOf(views: readonly GateView[]): string[] {
  return views.map((v, i) => {
    const note = gateNote(v, views.slice(0, i));
    return `${gateHeader(v)}\n${note !== undefined ? `${note}\n` : ''}`;
  });
}

const total = (texts: readonly string[]): number => texts.reduce((n, t) => n + t.length, 0);

/** What the "… and N more files" line of a gate costs with `n` of its `lines` shown. */
function moreCost(lines: readonly string[] | undefined, n: number): number {
  const hidden = (lines?.length ?? 0) - n;
  return hidden > 0 ? moreLine(hidden).length : 0;
}

/** Every gate's first file, before anything else: a gate is named however noisy the others are. */
function takeFirstFiles(lines: readonly string[][], shown: number[], used: number, hardRoom: number): number {
  lines.forEach((l, g) => {
    const first = l[0];
    if (first === undefined || used + first.length > hardRoom) return;
    used += first.length;
    shown[g] = 1;
  });
  return used;
}

/** Then one file per gate in turn, each paying for its line and the change to its "more" line, within `room`. */
function takeInTurn(lines: readonly string[][], shown: number[], used: number, room: number): void {
  for (let round = 1, progress = true; progress; round++) {
    progress = false;
    lines.forEach((l, g) => {
      const line = l[round];
      if (line === undefined || shown[g] !== round) return;
      const after = used + line.length + moreCost(l, round + 1) - moreCost(l, round);
      if (after > room) return;
      used = after;
      shown[g] = round + 1;
      progress = true;
    });
  }
}

function choose(lines: readonly string[][], base: number, room: number, hardRoom: number, fullListPath: string): Choice {
  if (base + total(lines.flat()) <= room) return { shown: lines.map((l) => l.length), withMore: true };
  const shown = lines.map(() => 0);
  const used = takeFirstFiles(lines, shown, base, hardRoom);
  const extras = listLine(fullListPath).length + lines.reduce((n, l, g) => n + moreCost(l, shown[g] ?? 0), 0);
  // When even the "more" lines do not fit, the gate headers' own counts have to do.
  if (used + extras > hardRoom) return { shown, withMore: false };
  takeInTurn(lines, shown, used + extras, room);
  return { shown, withMore: true };
}

/**
 * Every failing gate, and under it its failing files, most errors first. Each gate's first file
 * comes first (within `hardRoom`), so a gate is named however noisy the others are; then files are
 * taken one per gate in turn within `room`, and a gate cut short says how many more it has.
 */
export function renderOverview(views: readonly GateView[], room: number, hardRoom: number, fullListPath: string): Overview {
  const heads = headsOf(views);
  const lines = views.map((v) => v.files.map((f) => `  ${clip(fileLine(f), LINE_WIDTH)}\n`));
  const { shown, withMore } = choose(lines, TITLE.length + total(heads), room, hardRoom, fullListPath);
  const exact = new Set<string>();
  let text = TITLE;
  views.forEach((v, g) => {
    const n = shown[g] ?? 0;
    text += `${heads[g] ?? ''}${(lines[g] ?? []).slice(0, n).join('')}`;
    for (const f of v.files.slice(0, n)) if (namesEveryLine(f)) exact.add(overviewKey(v.result.id, f.file));
    const hidden = (lines[g]?.length ?? 0) - n;
    if (hidden > 0 && withMore) text += moreLine(hidden);
  });
  const cut = lines.some((l, g) => l.length > (shown[g] ?? 0));
  return { text: withMore && cut ? text + listLine(fullListPath) : text, exact };
}

/** The whole list the overview may cut short, for the file it points to: every file, every line. */
export function failingFileList(views: readonly GateView[]): string {
  return views.map((v) => `${gateHeader(v)}\n${v.files.map((f) => `  ${fileLine(f, true)}\n`).join('')}`).join('');
}
