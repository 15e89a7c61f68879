import type { GatekeeperConfig } from '../config/schema.js';
import { DEFAULT_FEEDBACK_BUDGET } from '../loop/digest.js';
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_SPIRAL_REPEATS } from '../loop/settings.js';
import { MAX_REASON } from './host.js';

/** The loop's settings that apply inside a host: the same `loop` section of the config, no agent command. */
export interface StopSettings {
  maxAttempts: number;
  spiralRepeats: number;
  feedbackBudget: number;
  guard: boolean;
}

export function stopSettings(config: GatekeeperConfig, hostMaxStops: number | undefined): StopSettings {
  const loop = config.loop ?? {};
  const maxAttempts = loop.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  return {
    // The host's own cap wins when it is lower: past it the host ends the turn without asking us.
    maxAttempts: hostMaxStops === undefined ? maxAttempts : Math.min(maxAttempts, hostMaxStops),
    spiralRepeats: loop.spiralRepeats ?? DEFAULT_SPIRAL_REPEATS,
    feedbackBudget: Math.min(loop.feedbackBudget ?? DEFAULT_FEEDBACK_BUDGET, MAX_REASON),
    guard: loop.guard ?? true,
  };
}
