import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { GatekeeperConfig } from '../config/schema.js';
import { UserFacingError } from '../core/errors.js';
import { DEFAULT_FEEDBACK_BUDGET } from './digest.js';

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_AGENT_TIMEOUT_SECONDS = 900;
export const DEFAULT_SPIRAL_REPEATS = 1;

/** What the command line may set; each falls back to the config's `loop` section, then a default. */
export interface LoopOverrides {
  agent?: string;
  task?: string;
  taskFile?: string;
  maxAttempts?: number;
  agentTimeout?: number;
  feedbackBudget?: number;
}

type LoopSection = NonNullable<GatekeeperConfig['loop']>;

export interface LoopSettings {
  agent: string;
  task?: string;
  maxAttempts: number;
  agentTimeoutMs: number;
  feedbackBudget: number;
  spiralRepeats: number;
  guard: boolean;
}

function readTask(overrides: LoopOverrides, cwd: string): string | undefined {
  if (overrides.task !== undefined && overrides.taskFile !== undefined) {
    throw new UserFacingError('--task and --task-file both name the task; give one of them.');
  }
  if (overrides.taskFile === undefined) return overrides.task;
  const file = path.resolve(cwd, overrides.taskFile);
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UserFacingError(`--task-file ${overrides.taskFile}: ${file} could not be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); expected a text file holding the task.`);
  }
}

function agentOf(overrides: LoopOverrides, section: LoopSection, configFile: string): string {
  const agent = overrides.agent ?? section.agent;
  if (agent === undefined || agent.trim() === '') {
    throw new UserFacingError(`gatekeeper loop needs an agent command: pass --agent "<command>" or set "loop": { "agent": "<command>" } in ${configFile}.`);
  }
  return agent;
}

/** The command line wins over the config's `loop` section, which wins over the defaults. */
export function resolveLoopSettings(overrides: LoopOverrides, config: GatekeeperConfig, configFile: string, cwd: string): LoopSettings {
  const section: LoopSection = config.loop ?? {};
  const agent = agentOf(overrides, section, configFile);
  const task = readTask(overrides, cwd);
  const seconds = overrides.agentTimeout ?? section.agentTimeout ?? DEFAULT_AGENT_TIMEOUT_SECONDS;
  return {
    agent,
    ...(task !== undefined ? { task } : {}),
    maxAttempts: overrides.maxAttempts ?? section.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    agentTimeoutMs: seconds * 1000,
    feedbackBudget: overrides.feedbackBudget ?? section.feedbackBudget ?? DEFAULT_FEEDBACK_BUDGET,
    spiralRepeats: section.spiralRepeats ?? DEFAULT_SPIRAL_REPEATS,
    guard: section.guard ?? true,
  };
}
