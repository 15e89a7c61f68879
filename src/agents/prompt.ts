import type { AgentHost, Decision, HookEvent } from './host.js';
import { openProject, startSession } from './project.js';
import { readSession } from './session-state.js';

/**
 * A new prompt: checkpoint the tree as the prompt found it (the guard's base for this turn's stops)
 * and start counting this turn's stops from zero. Nothing is said to the agent.
 */
export async function onPrompt(host: AgentHost, event: HookEvent, cwd: string): Promise<Decision> {
  const project = await openProject(cwd);
  const previous = readSession(project.root, host.name, event.session);
  await startSession(project, host, event.session, (previous?.prompt ?? 0) + 1);
  return { kind: 'allow' };
}
