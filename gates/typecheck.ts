import path from 'node:path';
import { z } from 'zod';
import { defineGate, erroredOutcome, type GateContext, type GateOutcome } from '../src/core/gate.js';
import { runProcess } from '../src/core/process.js';
import { resolveBin, type ResolvedTool, toolOrMissing } from '../src/core/resolve-tool.js';
import { toRepoPath } from '../src/core/paths.js';
import { describeCount } from '../src/core/result.js';
import { describeAbnormalEnd } from './abnormal-end.js';
import { parseTscOutput, splitListedFiles } from './parse/tsc-output.js';
import { solutionReferences } from './parse/tsconfig-references.js';
import { projectTool } from '../src/core/tool-info.js';

const options = z
  .strictObject({
    project: z.string().min(1).optional().describe('The tsconfig to check, relative to the project root (default: tsconfig.json).'),
    args: z.array(z.string()).optional().describe('Extra arguments for tsc.'),
  })
  .describe('The project\'s own TypeScript compiler (5.x, 6.x or the native 7.x), run as `tsc --noEmit --pretty false`.');

async function checkProject(tsc: ResolvedTool, project: string, extraArgs: readonly string[], ctx: GateContext): Promise<GateOutcome> {
  const buildInfo = path.join(ctx.cacheDir, `${project.replace(/[^\w.-]+/g, '_')}.tsbuildinfo`);
  // --listFiles names every file of the program, so that a rebuilt dist/ it never read does not cost a re-check (read-manifest.ts).
  const args = [tsc.entry, '--noEmit', '--pretty', 'false', '-p', project, '--incremental', '--tsBuildInfoFile', buildInfo, '--listFiles', ...extraArgs];
  const ran = await runProcess(process.execPath, args, { cwd: ctx.root, timeoutMs: ctx.timeoutMs, signal: ctx.signal });
  const listed = splitListedFiles(ran.stdout);
  const run = { ...ran, stdout: listed.text, output: splitListedFiles(ran.output).text };
  const abnormal = describeAbnormalEnd(run, `tsc ${tsc.version}`, ctx.timeoutMs);
  if (abnormal) return abnormal;

  const parsed = parseTscOutput(run.stdout);
  const diagnostics = parsed.diagnostics.map((d) => (d.file === undefined ? d : { ...d, file: toRepoPath(ctx.repoRoot, d.file, ctx.root) }));
  const errors = diagnostics.filter((d) => d.severity === 'error');
  // A cut stdout names only some of the files: then the cache keys every ignored file, as for any tool.
  const readFiles = ran.stdoutTruncated ? undefined : listed.files;
  if (run.exitCode === 0 && errors.length === 0) return { status: 'passed', diagnostics, summary: '', output: run.output, ...(readFiles ? { readFiles } : {}) };
  if (errors.length === 0) {
    return erroredOutcome(`tsc ${tsc.version} exited with code ${run.exitCode} on ${project} but printed no diagnostic Gatekeeper could read`, run.output);
  }
  return { status: 'failed', diagnostics, summary: '', output: run.output, ...(readFiles ? { readFiles } : {}) };
}

/** One verdict for several referenced projects: the worst status, every diagnostic once. */
function combine(outcomes: GateOutcome[], version: string, projectCount: number): GateOutcome {
  const output = outcomes.map((o) => o.output).join('\n');
  const errored = outcomes.find((o) => o.status === 'errored');
  if (errored) return { ...errored, output };
  // One project that did not name its files leaves the whole verdict without a list.
  const readFiles = outcomes.every((o) => o.readFiles) ? outcomes.flatMap((o) => o.readFiles ?? []) : undefined;
  const seen = new Set<string>();
  const diagnostics = outcomes.flatMap((o) => o.diagnostics).filter((d) => {
    const key = `${d.file}:${d.line}:${d.column}:${d.code}:${d.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const projects = projectCount > 1 ? ` in ${projectCount} projects` : '';
  if (errors.length === 0) return { status: 'passed', diagnostics, summary: `no type errors${projects} (TypeScript ${version})`, output, ...(readFiles ? { readFiles } : {}) };
  return { status: 'failed', diagnostics, summary: describeCount(errors, 'type error'), output, ...(readFiles ? { readFiles } : {}) };
}

export default defineGate({
  kind: 'typecheck',
  description: 'Type-checks the whole project with its own `tsc`.',
  options,
  tool: (root) => projectTool('tsc', 'typescript', root),
  async run(opts, ctx) {
    const tsc = toolOrMissing(() => resolveBin('typescript', 'tsc', ctx.root));
    if ('status' in tsc) return tsc;
    const project = opts.project ?? 'tsconfig.json';
    const projects = solutionReferences(ctx.root, project) ?? [project];
    if (projects.length === 0) return erroredOutcome(`${project} references no project that has files of its own: nothing would be type-checked`);
    const outcomes: GateOutcome[] = [];
    for (const one of projects) outcomes.push(await checkProject(tsc, one, opts.args ?? [], ctx));
    return combine(outcomes, tsc.version, projects.length);
  },
});
