import path from 'node:path';
import { allPassed, blocks } from '../core/result.js';
import { scopeOfFiles } from '../git/scope.js';
import { formatDiagnostic } from '../format/diagnostic-text.js';
import { runPipeline } from '../run/pipeline.js';
import type { AgentHost, Decision, HookEvent } from './host.js';
import { openProject } from './project.js';
import { readSession } from './session-state.js';

/** The gates that can judge one file by itself, cheaply; whole-project gates wait for the stop. */
const FILE_LEVEL = new Set(['lint', 'complexity']);
const MAX_CONTEXT = 3000;

/**
 * After an edit: the file-level gates on just the edited files, as non-blocking context for the
 * model (the stop is where anything blocks). Silence when they pass.
 */
export async function onEdit(_host: AgentHost, event: HookEvent, cwd: string): Promise<Decision> {
  if (event.ignored || (event.files ?? []).length === 0) return { kind: 'allow' };
  const project = await openProject(cwd);
  const gates = project.config.gates.filter((g) => FILE_LEVEL.has(g.kind));
  if (gates.length === 0) return { kind: 'allow' };
  const files = (event.files ?? []).map((f) => path.relative(project.root, path.resolve(cwd, f)).split(path.sep).join('/'));
  const scope = scopeOfFiles(project.root, files, readSession(project.root, _host.name, event.session)?.checkpoint.commit, `the files just edited: ${files.join(', ')}`);
  if (scope.files.length === 0) return { kind: 'allow' };
  const results = await runPipeline({ gates, failFast: false, root: project.root, repoRoot: project.repoRoot, scope, cacheDir: project.cacheDir });
  if (allPassed(results)) return { kind: 'allow' };
  const lines = results.filter((r) => blocks(r.status)).flatMap((r) => [`${r.id} (${r.kind}): ${r.summary}`, ...r.diagnostics.map((d) => `  ${formatDiagnostic(d)}`)]);
  const text = `Gatekeeper, on the file(s) just edited (the stop will not pass until these are fixed):\n${lines.join('\n')}`;
  return { kind: 'context', text: text.length > MAX_CONTEXT ? `${text.slice(0, MAX_CONTEXT)}\n…` : text };
}
