import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { nearest } from '../config/nearest.js';
import { UserFacingError } from '../core/errors.js';
import { jsonReporter } from './json.js';
import { fileOutput, stdoutOutput, type Output } from './output.js';
import type { Reporter } from './reporter.js';
import { terminalReporter } from './terminal/terminal.js';

export const REPORTER_NAMES = ['pretty', 'json', 'github', 'sarif', 'junit', 'markdown'] as const;
export type ReporterName = (typeof REPORTER_NAMES)[number];

export interface ReporterSpec {
  name: ReporterName;
  /** A file to write; stdout when absent. */
  path?: string;
}

/** Formats that are one document: on stdout they must be alone, or no program could parse it. */
const WHOLE_DOCUMENT: readonly ReporterName[] = ['json', 'sarif', 'junit'];

const USAGE = `--reporter NAME[=PATH], where NAME is one of ${REPORTER_NAMES.join(', ')}`;

/** `junit=reports/gates.xml` → { name: 'junit', path: 'reports/gates.xml' } */
export function parseReporterSpec(text: string): ReporterSpec {
  const at = text.indexOf('=');
  const name = (at === -1 ? text : text.slice(0, at)).trim();
  const file = at === -1 ? undefined : text.slice(at + 1).trim();
  if (!(REPORTER_NAMES as readonly string[]).includes(name)) {
    const guess = nearest(name, REPORTER_NAMES);
    throw new UserFacingError(`--reporter ${text}: unknown reporter "${name}"${guess ? ` (did you mean "${guess}"?)` : ''}; expected ${USAGE}.`);
  }
  if (file === '') throw new UserFacingError(`--reporter ${text}: the path after "=" is empty; expected ${USAGE}, or leave out "=PATH" for stdout.`);
  if (name === 'pretty' && file !== undefined) throw new UserFacingError(`--reporter ${text}: pretty is the terminal's task list and writes only to stdout; leave out "=PATH".`);
  return file === undefined ? { name: name as ReporterName } : { name: name as ReporterName, path: file };
}

function checkOutputs(specs: readonly ReporterSpec[], cwd: string): void {
  const toStdout = specs.filter((s) => s.path === undefined);
  const whole = toStdout.find((s) => WHOLE_DOCUMENT.includes(s.name));
  if (whole && toStdout.length > 1) {
    const others = toStdout.filter((s) => s !== whole).map((s) => s.name);
    throw new UserFacingError(`--reporter ${whole.name} writes one ${whole.name} document to stdout, so no other reporter may write there too (${others.join(', ')}); give the others a file: --reporter NAME=PATH.`);
  }
  const seen = new Map<string, ReporterName>();
  for (const spec of specs.filter((s) => s.path !== undefined)) {
    const file = path.resolve(cwd, spec.path ?? '');
    if (existsSync(file) && statSync(file).isDirectory()) throw new UserFacingError(`--reporter ${spec.name}=${spec.path}: that is a folder; name a file to write.`);
    const earlier = seen.get(file);
    if (earlier) throw new UserFacingError(`--reporter ${spec.name}=${spec.path}: ${earlier} already writes to that file; give each reporter its own file.`);
    seen.set(file, spec.name);
  }
}

/**
 * The reporters a run asked for. Pretty prints on stdout unless another reporter took it; in
 * GitHub Actions, github rides beside pretty so failures become annotations without a flag.
 */
export function resolveReporterSpecs(specs: readonly ReporterSpec[], env: NodeJS.ProcessEnv, cwd: string): ReporterSpec[] {
  checkOutputs(specs, cwd);
  const chosen = [...specs];
  if (!chosen.some((s) => s.path === undefined)) chosen.unshift({ name: 'pretty' });
  const prettyOnStdout = chosen.some((s) => s.name === 'pretty');
  if (env['GITHUB_ACTIONS'] === 'true' && prettyOnStdout && !chosen.some((s) => s.name === 'github')) chosen.push({ name: 'github' });
  return chosen;
}

/**
 * A reporter that only renders the finished run loads its code then: every run pays for the
 * modules it loads at start (issue #16), and most runs ask for the terminal alone.
 */
function loadedAtFinish(load: () => Promise<Reporter>): Reporter {
  return { finish: async (report) => (await load()).finish(report) };
}

function reporterFor(spec: ReporterSpec, cwd: string, env: NodeJS.ProcessEnv): Reporter {
  const output: Output = spec.path === undefined ? stdoutOutput : fileOutput(path.resolve(cwd, spec.path));
  switch (spec.name) {
    case 'pretty':
      return terminalReporter();
    case 'json':
      return jsonReporter((text) => output.write(text));
    case 'github':
      return loadedAtFinish(async () => (await import('./github.js')).githubReporter(output, env));
    case 'sarif':
      return loadedAtFinish(async () => (await import('./sarif.js')).sarifReporter(output));
    case 'junit':
      return loadedAtFinish(async () => (await import('./junit.js')).junitReporter(output));
    case 'markdown':
      return loadedAtFinish(async () => (await import('./markdown.js')).markdownReporter(output));
  }
}

export function selectReporters(specs: readonly ReporterSpec[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Reporter[] {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  return resolveReporterSpecs(specs, env, cwd).map((spec) => {
    const reporter = reporterFor(spec, cwd, env);
    return spec.path === undefined ? reporter : { ...reporter, file: path.resolve(cwd, spec.path) };
  });
}
