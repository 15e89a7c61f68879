import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { hashText } from './tree-snapshot.js';
import { warnOnce } from '../core/warn-once.js';

interface MemoFile<T> {
  salt: string;
  entries: Record<string, T>;
}

/**
 * Per-file results keyed by the file's content hash (and a salt naming the analyser's version),
 * kept in one JSON file. Saving keeps only the entries used in this run, which bounds its size.
 */
export class ContentMemo<T> {
  private readonly used = new Map<string, T>();

  private constructor(
    private readonly file: string,
    private readonly salt: string,
    private readonly stored: Record<string, T>,
  ) {}

  static async open<T>(file: string, salt: string): Promise<ContentMemo<T>> {
    let stored: Record<string, T> = {};
    try {
      const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<MemoFile<T>>;
      if (parsed.salt === salt && parsed.entries && typeof parsed.entries === 'object') stored = parsed.entries;
    } catch {
      // absent or unreadable: start empty
    }
    return new ContentMemo<T>(file, salt, stored);
  }

  /** The value for this content, computing and remembering it on a miss. */
  get(content: string, compute: () => T): T {
    const key = hashText(content);
    const value = this.used.get(key) ?? (Object.hasOwn(this.stored, key) ? this.stored[key] : undefined) ?? compute();
    this.used.set(key, value);
    return value;
  }

  /** Atomic (temp file + rename); a cache that cannot be written only costs speed. */
  async save(): Promise<void> {
    const temp = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await mkdir(path.dirname(this.file), { recursive: true });
      const memo: MemoFile<T> = { salt: this.salt, entries: Object.fromEntries(this.used) };
      await writeFile(temp, JSON.stringify(memo));
      await rename(temp, this.file);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      warnOnce('content-memo-write', `gatekeeper: warning: could not write ${this.file} (${(error as Error).message}); results are not cached.`);
    }
  }
}
