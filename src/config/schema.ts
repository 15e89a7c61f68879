import { z } from 'zod';
import { builtinGates } from '../../gates/index.js';
import { DEFAULT_TIMEOUT_SECONDS } from './gate-defaults.js';

/**
 * The one source of `.gatekeeper.json`: the TypeScript types, the validation and the committed
 * JSON Schema all come from here. Each gate kind contributes its own options.
 */
export { DEFAULT_TIMEOUT_SECONDS };

const commonGateFields = {
  id: z
    .string()
    .regex(/^[A-Za-z0-9][\w.-]*$/, 'an id of letters, digits, ".", "_" or "-"')
    .describe('A unique name for the gate, used by --only, --skip and in every report.'),
  timeout: z.number().positive('a positive number of seconds').optional().describe(`Seconds before the gate is killed and counted as errored (default ${DEFAULT_TIMEOUT_SECONDS}).`),
  cache: z.boolean().optional().describe('Replay this gate\'s stored result when its inputs are unchanged (default true; false always runs it).'),
  cacheEnv: z
    .array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name'))
    .optional()
    .describe('Environment variables that can change this gate\'s verdict, beside NODE_ENV, CI and TZ: part of its cache key.'),
  exclusive: z.boolean().optional().describe('With "parallel", run this gate alone, never beside another (default: true for build, false otherwise).'),
};

/** What every gate entry has; its kind's own options ride along and are checked by its schema. */
export interface GateConfig {
  id: string;
  kind: string;
  timeout?: number;
  [option: string]: unknown;
}

function gateSchema(kind: string, options: z.ZodObject, description: string): z.ZodObject {
  return options.extend({ kind: z.literal(kind), ...commonGateFields }).describe(description);
}

const [first, ...rest] = builtinGates.map((g) => gateSchema(g.kind, g.options, g.description));
if (!first) throw new Error('no gate kinds are registered');

const gateConfigSchema = z.discriminatedUnion('kind', [first, ...rest]) as unknown as z.ZodType<GateConfig>;

export const loopConfigSchema = z
  .strictObject({
    agent: z.string().min(1).optional().describe('The agent command, run through the shell; `{feedback}` / `{feedback_file}` are replaced by the shell-quoted digest / its path.'),
    maxAttempts: z.number().int().min(1).optional().describe('Gate runs before the loop gives up as `exhausted` (default 5).'),
    agentTimeout: z.number().positive().optional().describe('Seconds an agent call may take before its process group is killed (default 900).'),
    feedbackBudget: z.number().int().min(500).optional().describe('Characters the feedback digest may use (default 6000).'),
    spiralRepeats: z.number().int().min(1).optional().describe('Consecutive attempts allowed to end with the same failures; one more is a spiral (default 1).'),
    guard: z.boolean().optional().describe('Add a `guard` gate (anti-gaming) when the gates have none (default true).'),
  })
  .describe('`gatekeeper loop`: the refinement loop around an AI coding agent.');

export const remoteCacheSchema = z
  .strictObject({
    url: z.url({ protocol: /^https?$/, error: 'an http:// or https:// address' }).describe('The remote cache server (the Turborepo remote-cache API, v8), e.g. https://cache.example.com.'),
    team: z.string().min(1, 'a team id or slug').describe('The team the artifacts belong to: a Vercel team id (team_…) is sent as teamId, anything else as slug.'),
    read: z.boolean().optional().describe('Replay verdicts found in the remote cache (default true).'),
    write: z
      .union([z.boolean(), z.literal('ci')])
      .optional()
      .describe('Upload verdicts computed here: true, false (the default) or "ci" (only when the CI environment variable is set).'),
    timeoutMs: z.number().int().positive('a positive number of milliseconds').optional().describe('Milliseconds a whole run may spend on the remote cache before going on without it (default 2000).'),
  })
  .describe('A shared result cache over the Turborepo remote-cache HTTP API. The token and the signing key come only from GATEKEEPER_REMOTE_CACHE_TOKEN and GATEKEEPER_REMOTE_CACHE_SIGNATURE_KEY.');

export type RemoteCacheConfig = z.infer<typeof remoteCacheSchema>;

export const configSchema = z
  .strictObject({
    $schema: z.string().optional().describe('The JSON Schema of this file, for editors.'),
    failFast: z.boolean().optional().describe('Stop at the first gate that does not pass; the rest show as skipped (default true).'),
    parallel: z.boolean().optional().describe('Run gates concurrently, up to one per CPU core; exclusive gates run alone (default false).'),
    holdTheLine: z
      .boolean()
      .optional()
      .describe('Hold the line: only findings the base commit did not have (new, or worse) block; old ones are reported as pre-existing (default false; `gatekeeper init` writes true).'),
    gates: z.array(gateConfigSchema).min(1, 'at least one gate').describe('The gates, run in this order.'),
    loop: loopConfigSchema.optional(),
    remoteCache: remoteCacheSchema.optional(),
  })
  .superRefine((config, ctx) => {
    const seen = new Map<string, number>();
    config.gates.forEach((gate, index) => {
      const earlier = seen.get(gate.id);
      if (earlier !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['gates', index, 'id'], message: `a unique id ("${gate.id}" is already the id of gates[${earlier}])` });
      } else seen.set(gate.id, index);
      // A report is read in a format; one without is a mistake to name, not a command gate that ignores it.
      if (gate.kind === 'command' && gate['report'] !== undefined && gate['format'] === undefined) {
        ctx.addIssue({ code: 'custom', path: ['gates', index, 'format'], message: 'a "format" for its "report" (sarif, junit, tsc, eslint-json or gnu)' });
      }
    });
  })
  .describe('Gatekeeper configuration: the gates a tree must pass before it is pushed.');

export type GatekeeperConfig = z.infer<typeof configSchema>;

export const GATE_KINDS: readonly string[] = builtinGates.map((g) => g.kind);

export function jsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
