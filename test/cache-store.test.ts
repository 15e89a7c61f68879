import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evict, readEntry, writeEntry } from '../src/cache/result-store.js';
import type { GateResult } from '../src/core/result.js';
import { TMP } from './helpers/project.js';

mkdirSync(TMP, { recursive: true });
const dir = mkdtempSync(path.join(TMP, 'store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function result(output: string): GateResult {
  return { id: 'g', kind: 'command', status: 'passed', diagnostics: [], summary: 'ok', output, durationMs: 5, cached: false };
}

describe('the result store', () => {
  it('never lets a reader see half an entry while writers replace it', async () => {
    const key = 'a'.repeat(64);
    const file = path.join(dir, '.results', `${key}.json`);
    const outputs = ['A'.repeat(2_000_000), 'B'.repeat(3_000_000)];
    await writeEntry(path.dirname(file), key, result(outputs[0] ?? ''));
    let reads = 0;
    let writing = true;
    const writers = (async () => {
      for (let i = 0; i < 40; i++) await Promise.all([writeEntry(path.dirname(file), key, result(outputs[i % 2] ?? '')), writeEntry(path.dirname(file), key, result(outputs[(i + 1) % 2] ?? ''))]);
      writing = false;
    })();
    while (writing) {
      // Raw reads: a torn file would fail to parse or hold a mixed output.
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as { result: GateResult };
      expect(outputs).toContain(parsed.result.output);
      const entry = await readEntry(path.dirname(file), key);
      expect(outputs).toContain(entry?.output);
      reads++;
    }
    await writers;
    expect(reads).toBeGreaterThan(5);
    expect(readdirSync(path.dirname(file)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('treats a corrupt or foreign entry as a miss', async () => {
    const store = path.join(dir, 'corrupt');
    mkdirSync(store, { recursive: true });
    writeFileSync(path.join(store, `${'b'.repeat(64)}.json`), '{"format":1,"key":"bbb');
    expect(await readEntry(store, 'b'.repeat(64))).toBeUndefined();
    await writeEntry(store, 'c'.repeat(64), result('x'));
    expect(await readEntry(store, 'd'.repeat(64))).toBeUndefined();
    expect((await readEntry(store, 'c'.repeat(64)))?.output).toBe('x');
  });

  it('evicts the least recently used entries past its bounds', async () => {
    const store = path.join(dir, 'evict');
    for (let i = 0; i < 6; i++) {
      const key = String(i).repeat(64);
      await writeEntry(store, key, result('x'.repeat(1000)));
      const when = new Date(Date.now() - (10 - i) * 60_000);
      utimesSync(path.join(store, `${key}.json`), when, when);
    }
    // Reading entry 0 makes it the most recently used.
    await readEntry(store, '0'.repeat(64));
    // A temporary file a crashed run left behind an hour ago goes too; a fresh one (a write in progress) stays.
    const abandoned = path.join(store, `${'7'.repeat(64)}.json.123.abcd.tmp`);
    writeFileSync(abandoned, '{"format":1');
    utimesSync(abandoned, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
    writeFileSync(path.join(store, `${'8'.repeat(64)}.json.456.ef01.tmp`), '{"format":1');
    expect(await evict(store, { maxEntries: 3, maxBytes: 1e9 })).toBe(3);
    const left = readdirSync(store).map((n) => (n.endsWith('.tmp') ? `${n[0]}.tmp` : n[0])).sort();
    expect(left).toEqual(['0', '4', '5', '8.tmp']);
  });
});
