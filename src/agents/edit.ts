import path from 'node:path';
import { blocks, type GateResult } from '../core/result.js';
import { loopGates } from '../loop/loop-gates.js';
import { scopeOfFiles } from '../git/scope.js';
import { formatDiagnostic } from '../format/diagnostic-text.js';
import { runPipeline } from '../run/pipeline.js';
import type { AgentHost, Decision, HookEvent } from './host.js';
import { openProject } from './project.js';
import { readSession } from './session-state.js';

/** The gates that can judge one file by itself, cheaply; whole-project gates wait for the stop. */
const FILE_LEVEL = new Set(['lint', 'complexity', 'guard']);
const MAX_CONTEXT = 3000;

/**
 * The guard diffs the whole tree against the prompt's checkpoint; after an edit only the edited
 * files' findings are this edit's business (the stop judges the rest).
 */
function onlyThese(results: GateResult[], files: Set<string>): GateResult[] {
  return results.map((r) => {
    if (r.kind !== 'guard') return r;
    const diagnostics = r.diagnostics.filter((d) => d.file !== undefined && files.has(d.file) && d.severity === 'error');
    return diagnostics.length === 0 ? { ...r, status: r.status === 'errored' ? r.status : 'passed', diagnostics } : { ...r, diagnostics, summary: `${diagnostics.length} guard finding(s) in the edited file(s)` };
  });
}

/**
 * After an edit: the file-level gates on just the edited files, as non-blocking context for the
 * model (the stop is where anything blocks). Silence when they pass.
 */
export async function onEdit(_host: AgentHost, event: HookEvent, cwd: string): Promise<Decision> {
  if (event.ignored || (event.files ?? []).length === 0) return { kind: 'allow' };
  const project = await openProject(cwd);
  const gates = loopGates(project.config.gates, project.config.loop?.guard ?? true).filter((g) => FILE_LEVEL.has(g.kind));
  if (gates.length === 0) return { kind: 'allow' };
  const files = (event.files ?? []).map((f) => path.relative(project.root, path.resolve(cwd, f)).split(path.sep).join('/'));
  const scope = scopeOfFiles(project.root, files, readSession(project.root, _host.name, event.session)?.checkpoint.commit, `the files just edited: ${files.join(', ')}`);
  if (scope.files.length === 0) return { kind: 'allow' };
  const results = onlyThese(await runPipeline({ gates, failFast: false, root: project.root, repoRoot: project.repoRoot, scope, cacheDir: project.cacheDir }), new Set(scope.files));
  const failing = results.filter((r) => blocks(r.status));
  if (failing.length === 0) return { kind: 'allow' };
  const lines = failing.flatMap((r) => [`${r.id} (${r.kind}): ${r.summary}`, ...r.diagnostics.map((d) => `  ${formatDiagnostic(d)}`)]);
  const text = `Gatekeeper, on the file(s) just edited (the stop will not pass until these are fixed):\n${lines.join('\n')}`;
  return { kind: 'context', text: text.length > MAX_CONTEXT ? `${text.slice(0, MAX_CONTEXT)}\n…` : text };
}
