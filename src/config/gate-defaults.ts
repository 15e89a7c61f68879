/** Seconds before a gate is killed and counted as errored, when its config names no timeout. Apart from schema.ts, so the pipeline reads it without loading zod. */
export const DEFAULT_TIMEOUT_SECONDS = 600;
