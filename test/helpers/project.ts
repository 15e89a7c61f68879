import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type Options } from 'execa';

/** The Gatekeeper checkout under test. */
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = path.join(REPO, 'dist', 'src', 'cli', 'main.js');
/**
 * Test projects live under the git-ignored test/.tmp so that Node resolves typescript, eslint and
 * vitest from Gatekeeper's own devDependencies, as a user's project resolves its own.
 */
export const TMP = path.join(REPO, 'test', '.tmp');

/** Tests set their own identity: a fresh machine has none, and the user's must not leak in. */
export const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Gatekeeper Test',
  GIT_AUTHOR_EMAIL: 'test@gatekeeper.invalid',
  GIT_COMMITTER_NAME: 'Gatekeeper Test',
  GIT_COMMITTER_EMAIL: 'test@gatekeeper.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface Project {
  dir: string;
  write(file: string, content: string): void;
  read(file: string): string;
  remove(file: string): void;
  git(...args: string[]): Promise<string>;
  commitAll(message: string): Promise<string>;
  gatekeeper(args: string[], options?: { env?: Record<string, string>; input?: string; cwd?: string }): Promise<CliResult>;
  cleanup(): void;
}

export async function makeProject(name: string, files: Record<string, string>, options: { git?: boolean } = {}): Promise<Project> {
  mkdirSync(TMP, { recursive: true });
  const dir = mkdtempSync(path.join(TMP, `${name}-`));
  const write = (file: string, content: string): void => {
    const full = path.join(dir, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  };
  for (const [file, content] of Object.entries(files)) write(file, content);
  const git = async (...args: string[]): Promise<string> => {
    const result = await execa('git', args, { cwd: dir, env: GIT_ENV });
    return String(result.stdout);
  };
  const project: Project = {
    dir,
    write,
    read: (file) => readFileSync(path.join(dir, file), 'utf8'),
    remove: (file) => rmSync(path.join(dir, file), { force: true, recursive: true }),
    git,
    async commitAll(message) {
      await git('add', '-A');
      await git('commit', '-q', '--no-verify', '-m', message);
      return (await git('rev-parse', 'HEAD')).trim();
    },
    async gatekeeper(args, opts = {}) {
      const execOptions: Options = {
        cwd: opts.cwd ?? dir,
        reject: false,
        env: { ...GIT_ENV, CI: 'true', NO_COLOR: '1', GITHUB_ACTIONS: '', ...opts.env },
        ...(opts.input !== undefined ? { input: opts.input } : { stdin: 'ignore' }),
      };
      const result = await execa(process.execPath, [CLI, ...args], execOptions);
      return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
  if (options.git !== false) {
    await git('init', '-q', '-b', 'main');
    await git('add', '-A');
    await git('commit', '-q', '--no-verify', '--allow-empty', '-m', 'initial');
  }
  return project;
}

export interface JsonGate {
  id: string;
  kind: string;
  status: string;
  summary: string;
  cached: boolean;
  durationMs: number;
  diagnostics: { file: string | null; line: number | null; column: number | null; code: string | null; message: string; severity: string }[];
}

export function parseJsonReport(stdout: string): { ok: boolean; gates: JsonGate[] } {
  return JSON.parse(stdout) as { ok: boolean; gates: JsonGate[] };
}

export function gate(report: { gates: JsonGate[] }, id: string): JsonGate {
  const found = report.gates.find((g) => g.id === id);
  if (!found) throw new Error(`no gate ${id} in ${JSON.stringify(report.gates.map((g) => g.id))}`);
  return found;
}
