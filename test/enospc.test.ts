import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLedgerCounted } from '../src/history/ledger.js';
import { gate, makeProject, parseJsonReport, TMP, type Project } from './helpers/project.js';

const projects: Project[] = [];
const mounts: string[] = [];
afterAll(() => {
  projects.forEach((p) => p.cleanup());
  for (const dir of mounts) {
    execFileSync('umount', [dir]);
    rmdirSync(dir);
  }
});

async function commandProject(name: string, exitCode: number): Promise<Project> {
  const project = await makeProject(name, {
    '.gatekeeper.json': JSON.stringify({ gates: [{ id: 'check', kind: 'command', command: `node -e "process.exit(${exitCode})"` }] }),
    '.gitignore': '.gatekeeper/\nnode_modules/\n',
  });
  projects.push(project);
  return project;
}

/**
 * A real full disk: a 64 KiB tmpfs filled to the last byte. Mounting needs root (CI and this
 * machine run as root); elsewhere the tmpfs half is skipped and /dev/full stands in below.
 */
function fullDisk(): string | undefined {
  mkdirSync(TMP, { recursive: true });
  const dir = mkdtempSync(path.join(TMP, 'full-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    rmdirSync(dir);
    return undefined;
  }
  mounts.push(dir);
  mkdirSync(path.join(dir, 'cache'));
  mkdirSync(path.join(dir, 'gatekeeper'));
  try {
    for (let i = 0; ; i++) writeFileSync(path.join(dir, `filler-${i}`), Buffer.alloc(4096));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  }
  return dir;
}

const disk = fullDisk();

describe('no space left on the device', () => {
  it.skipIf(disk === undefined)('on a full disk (ledger, result cache and a report all on it): the verdict is right, one warning each, nothing half-written (needs root for the tmpfs)', async () => {
    if (disk === undefined) return;
    for (const [name, code] of [['enospc-pass', 0], ['enospc-fail', 3]] as const) {
      const project = await commandProject(name, code);
      // Gatekeeper's folder (the ledger) and its result cache both live on the full disk.
      symlinkSync(path.join(disk, 'gatekeeper'), path.join(project.dir, '.gatekeeper'), 'dir');
      mkdirSync(path.join(project.dir, 'node_modules', '.cache'), { recursive: true });
      symlinkSync(path.join(disk, 'cache'), path.join(project.dir, 'node_modules', '.cache', 'gatekeeper'), 'dir');
      const report = path.join(disk, `${name}.xml`);
      const result = await project.gatekeeper(['run', '--reporter', 'json', '--reporter', `junit=${report}`]);
      const check = gate(parseJsonReport(result.stdout), 'check');
      expect(check.status).toBe(code === 0 ? 'passed' : 'failed');
      // A failed gate exits 1 whatever else happened; a pass whose report could not be written is not a clean pass.
      expect(result.exitCode).toBe(code === 0 ? 2 : 1);
      expect(result.stderr).toContain('ENOSPC');
      expect(result.stderr.match(/history is not kept/g)).toHaveLength(1);
      expect(result.stderr.match(/could not write the result cache/g)).toHaveLength(1);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      // Nothing half-written is left to be read later: no report, no entry, no temporary file, an empty ledger.
      expect(readdirSync(disk).filter((f) => !f.startsWith('filler-') && !['cache', 'gatekeeper'].includes(f))).toEqual([]);
      expect(readdirSync(path.join(disk, 'cache'), { recursive: true }).filter((f) => String(f).endsWith('.json') || String(f).endsWith('.tmp'))).toEqual([]);
      expect(readLedgerCounted(project.dir)).toEqual({ entries: [], skippedLines: 0 });
    }
  });

  // Only the ledger, which is appended to in place: a report is written beside its target and renamed, and nothing may be renamed over /dev/full.
  it('a ledger that is /dev/full (ENOSPC on every write): one warning, the verdict stands', async () => {
    const project = await commandProject('enospc-devfull', 3);
    mkdirSync(path.join(project.dir, '.gatekeeper'));
    symlinkSync('/dev/full', path.join(project.dir, '.gatekeeper', 'history.jsonl'));
    const result = await project.gatekeeper(['run', '--reporter', 'json']);
    expect(gate(parseJsonReport(result.stdout), 'check').status).toBe('failed');
    expect(result.exitCode).toBe(1);
    expect(result.stderr.match(/history is not kept/g)).toHaveLength(1);
    expect(result.stderr).toContain('ENOSPC');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
