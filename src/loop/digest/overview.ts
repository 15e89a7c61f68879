import type { FileSummary, GateView } from './group.js';
import { compressLines, describeLines } from './line-set.js';
import { clip } from './clip.js';

const CODES_SHOWN = 3;

function codeList(f: FileSummary): string {
  const parts = f.codes.slice(0, CODES_SHOWN).map((c) => `${c.count} × ${c.code === '' ? '(no code)' : clip(c.code, 40)}`);
  if (f.codes.length > CODES_SHOWN) parts.push(`+${f.codes.length - CODES_SHOWN} more codes`);
  return parts.join(', ');
}

/** `src/many07.ts — 10 × TS2322 (lines 1–10)` */
export function fileLine(f: FileSummary, exact = false): string {
  const lines = f.lines.length === 0 ? '' : exact ? ` (lines ${compressLines(f.lines)})` : ` (${describeLines(f.lines)})`;
  return `${f.file ?? '(no file)'} — ${codeList(f)}${lines}`;
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

/**
 * Every failing gate, and under it its failing files, most errors first. Each gate's first file
 * comes first (within `hardRoom`), so a gate is named however noisy the others are; then files are
 * taken one per gate in turn within `room`, and a gate cut short says how many more it has. When
 * even those lines do not fit, the gate headers' own counts have to do.
 */
export function renderOverview(views: readonly GateView[], room: number, hardRoom: number, fullListPath: string): string {
  const heads = views.map((v, i) => {
    const note = gateNote(v, views.slice(0, i));
    return `${gateHeader(v)}\n${note !== undefined ? `${note}\n` : ''}`;
  });
  const lines = views.map((v) => v.files.map((f) => `  ${clip(fileLine(f), 160)}\n`));
  const title = 'Failing now:\n';
  const base = title.length + heads.reduce((n, h) => n + h.length, 0);
  const everything = base + lines.flat().reduce((n, l) => n + l.length, 0);
  const shown = views.map(() => 0);
  if (everything <= room) lines.forEach((l, g) => (shown[g] = l.length));
  // Every gate's first file comes before anything else, the "more files" lines included.
  let used = base;
  if (everything > room) {
    lines.forEach((l, g) => {
      const first = l[0];
      if (first === undefined || used + first.length > hardRoom) return;
      used += first.length;
      shown[g] = 1;
    });
  }
  // What the "… and N more files" line of gate g costs with n of its files shown.
  const more = (g: number, n: number): number => {
    const hidden = (lines[g]?.length ?? 0) - n;
    return hidden > 0 ? moreLine(hidden).length : 0;
  };
  const extras = listLine(fullListPath).length + lines.reduce((n, _, g) => n + more(g, shown[g] ?? 0), 0);
  const withMore = everything <= room || used + extras <= hardRoom;
  if (everything > room && withMore) {
    used += extras;
    for (let round = 1, progress = true; progress; round++) {
      progress = false;
      for (let g = 0; g < views.length; g++) {
        const line = lines[g]?.[round];
        if (line === undefined || shown[g] !== round) continue;
        const after = used + line.length + more(g, round + 1) - more(g, round);
        if (after > room) continue;
        used = after;
        shown[g] = round + 1;
        progress = true;
      }
    }
  }
  let out = title;
  views.forEach((_, g) => {
    out += heads[g] ?? '';
    const all = lines[g] ?? [];
    out += all.slice(0, shown[g]).join('');
    const hidden = all.length - (shown[g] ?? 0);
    if (hidden > 0 && withMore) out += moreLine(hidden);
  });
  return withMore && lines.some((l, g) => l.length > (shown[g] ?? 0)) ? out + listLine(fullListPath) : out;
}

/** The whole list the overview may cut short, for the file it points to: every file, every line. */
export function failingFileList(views: readonly GateView[]): string {
  return views.map((v) => `${gateHeader(v)}\n${v.files.map((f) => `  ${fileLine(f, true)}\n`).join('')}`).join('');
}
