import type { Diagnostic } from '../../src/core/result.js';

/** Vitest's banner over each error that ended the run outside any test: "⎯⎯⎯ Unhandled Source Error ⎯⎯⎯". */
const BANNER = /^⎯+ (Unhandled [^⎯]+?) ⎯+$/;
const HEADLINE = /^([A-Za-z][\w.]*): (.+)$/;
const FRAME = /^\s+❯ (?:\S+ )?\(?([^\s()]+?):(\d+):(\d+)\)?$/;

/**
 * The errors Vitest printed under its "Unhandled …" banners (with `--typecheck`, a type error in a
 * source file comes as `TypeCheckError` under "Unhandled Source Error"). They fail the run although
 * every test passed; read here so the gate names them instead of "exited with code 1". Each one
 * is placed at its first frame outside node_modules.
 */
export function unhandledErrors(output: string): Diagnostic[] {
  const lines = output.split(/\r?\n/);
  const found: Diagnostic[] = [];
  lines.forEach((line, i) => {
    const banner = BANNER.exec(line.trim());
    const headline = banner ? HEADLINE.exec(lines[i + 1]?.trim() ?? '') : null;
    if (!banner || !headline) return;
    const frame = firstProjectFrame(lines, i + 2);
    found.push({ ...frame, code: headline[1] ?? 'Error', message: `${banner[1] ?? 'Unhandled error'}: ${headline[2] ?? ''}`, severity: 'error' });
  });
  return found;
}

function firstProjectFrame(lines: readonly string[], from: number): Pick<Diagnostic, 'file' | 'line' | 'column'> {
  for (let i = from; i < lines.length && !BANNER.test(lines[i]?.trim() ?? ''); i++) {
    const frame = FRAME.exec(lines[i] ?? '');
    if (frame?.[1] && !frame[1].includes('node_modules') && !frame[1].startsWith('node:')) {
      return { file: frame[1], line: Number(frame[2]), column: Number(frame[3]) };
    }
  }
  return {};
}
