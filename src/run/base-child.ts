import { z } from 'zod';
import type { GateConfig } from '../config/schema.js';
import type { GateResult } from '../core/result.js';
import type { Scope } from '../core/scope.js';
import { runPipeline } from './pipeline.js';

/**
 * What the parent sends the child that runs gates on the base (`gatekeeper hold-the-line-base`,
 * on stdin): the gates, the scope and where the child may keep its state. A child process, not a
 * call: tools loaded in-process keep global state (typescript-eslint remembers every tsconfig root
 * it has seen and refuses to choose), and a second tree in the same process would confuse them.
 */
export interface BaseRunRequest {
  gates: GateConfig[];
  root: string;
  repoRoot: string;
  scope: Scope;
  cacheDir: string;
}

const requestSchema = z.object({
  gates: z.array(z.looseObject({ id: z.string(), kind: z.string() })),
  root: z.string(),
  repoRoot: z.string(),
  scope: z.object({ mode: z.enum(['all', 'changed']), files: z.array(z.string()), description: z.string() }),
  cacheDir: z.string(),
});

/** The child's side: run the gates as asked, answer with their results as one JSON line. */
export async function answerBaseRun(input: string, signal: AbortSignal): Promise<string> {
  const request = requestSchema.parse(JSON.parse(input)) as BaseRunRequest;
  const results: GateResult[] = await runPipeline({
    gates: request.gates,
    failFast: false,
    root: request.root,
    repoRoot: request.repoRoot,
    scope: request.scope,
    cacheDir: request.cacheDir,
    cache: false,
    signal,
  });
  return `${JSON.stringify({ results })}\n`;
}
