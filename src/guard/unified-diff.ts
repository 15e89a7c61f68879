/**
 * Parses the output of `git diff -U0 --src-prefix=a/ --dst-prefix=b/` into files and their added
 * and removed lines. Pure: the text comes from git elsewhere (src/git/work-tree-diff.ts).
 */

export interface DiffLine {
  /** 1-based: the line in the new file for an added line, in the old file for a removed one. */
  line: number;
  text: string;
}

export interface RemovedLine extends DiffLine {
  /** Where the removal shows in the new file: the line that now stands in its place. */
  at: number;
}

export interface FileDiff {
  /** The path at the base; undefined for a file that is new. */
  oldPath?: string;
  /** The path now; undefined for a file that was deleted. */
  newPath?: string;
  status: 'added' | 'deleted' | 'modified' | 'renamed';
  added: DiffLine[];
  removed: RemovedLine[];
  binary: boolean;
}

const C_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', a: '\x07', b: '\b', f: '\f', v: '\v' };

/** git quotes a path with unusual bytes as a C string with octal escapes for non-ASCII bytes. */
export function unquotePath(text: string): string {
  if (!text.startsWith('"') || !text.endsWith('"') || text.length < 2) return text;
  const bytes: number[] = [];
  const body = text.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] ?? '';
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const octal = /^[0-7]{3}/.exec(body.slice(i + 1));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 3;
    } else {
      const next = body[i + 1] ?? '';
      bytes.push(...Buffer.from(C_ESCAPES[next] ?? next, 'utf8'));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function stripPrefix(raw: string, prefix: 'a/' | 'b/'): string | undefined {
  // git ends a ---/+++ path that holds a space with a tab, so that patch(1) can tell where it ends.
  const text = unquotePath(raw.replace(/\t$/, ''));
  if (text === '/dev/null') return undefined;
  return text.startsWith(prefix) ? text.slice(prefix.length) : text;
}

/** "a/X b/X" with the same X on both sides: the only header left to read for a binary file. */
function pathFromHeader(rest: string): string | undefined {
  if (rest.startsWith('"')) {
    const end = rest.indexOf('" ', 1);
    return end > 0 ? stripPrefix(rest.slice(0, end + 1), 'a/') : undefined;
  }
  const length = (rest.length - 5) / 2;
  if (!Number.isInteger(length) || length <= 0) return undefined;
  const left = rest.slice(2, 2 + length);
  return rest === `a/${left} b/${left}` ? left : undefined;
}

interface Builder {
  header?: string;
  file: FileDiff;
  newLine: number;
  oldLine: number;
  hunkAt: number;
  sawOld: boolean;
  sawNew: boolean;
}

function emptyFile(): FileDiff {
  return { status: 'modified', added: [], removed: [], binary: false };
}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

function readMeta(b: Builder, line: string): void {
  const f = b.file;
  if (line.startsWith('new file mode')) f.status = 'added';
  else if (line.startsWith('deleted file mode')) f.status = 'deleted';
  else if (line.startsWith('rename from ')) {
    f.status = 'renamed';
    f.oldPath = unquotePath(line.slice('rename from '.length));
  } else if (line.startsWith('rename to ')) f.newPath = unquotePath(line.slice('rename to '.length));
  else if (line.startsWith('--- ')) {
    b.sawOld = true;
    f.oldPath = stripPrefix(line.slice(4), 'a/');
  } else if (line.startsWith('+++ ')) {
    b.sawNew = true;
    f.newPath = stripPrefix(line.slice(4), 'b/');
  } else if (line.startsWith('Binary files ')) f.binary = true;
}

function readBody(b: Builder, line: string): void {
  const hunk = HUNK.exec(line);
  if (hunk) {
    b.oldLine = Number(hunk[1]);
    b.newLine = Number(hunk[3]);
    // With -U0 a pure removal says "+N,0": the removed lines sat just after line N of the new file.
    b.hunkAt = hunk[4] === '0' ? b.newLine + 1 : b.newLine;
    return;
  }
  if (line.startsWith('+')) b.file.added.push({ line: b.newLine++, text: line.slice(1) });
  else if (line.startsWith('-')) b.file.removed.push({ line: b.oldLine++, text: line.slice(1), at: b.hunkAt });
  else if (line.startsWith(' ')) {
    b.newLine++;
    b.oldLine++;
  }
}

function finishFile(b: Builder): FileDiff {
  const f = b.file;
  const fromHeader = b.header === undefined ? undefined : pathFromHeader(b.header);
  if (f.status !== 'added' && f.oldPath === undefined && !b.sawOld) f.oldPath = fromHeader;
  if (f.status !== 'deleted' && f.newPath === undefined && !b.sawNew) f.newPath = fromHeader;
  if (f.status === 'added') delete f.oldPath;
  if (f.status === 'deleted') delete f.newPath;
  return f;
}

export function parseUnifiedDiff(text: string): FileDiff[] {
  const files: FileDiff[] = [];
  let current: Builder | undefined;
  let inBody = false;
  for (const rawLine of text.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.startsWith('diff --git ')) {
      if (current) files.push(finishFile(current));
      current = { header: line.slice('diff --git '.length), file: emptyFile(), newLine: 0, oldLine: 0, hunkAt: 1, sawOld: false, sawNew: false };
      inBody = false;
      continue;
    }
    if (!current) continue;
    if (line.startsWith('@@')) inBody = true;
    if (inBody) readBody(current, line);
    else readMeta(current, line);
  }
  if (current) files.push(finishFile(current));
  return files;
}
