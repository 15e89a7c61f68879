/** Exit codes are a contract: scripts, hooks and CI read them. */
export const EXIT = {
  passed: 0,
  failed: 1,
  usage: 2,
  internal: 70,
  interrupted: 130,
  terminated: 143,
} as const;

/** An error whose message is for the user, already one clear paragraph: print it, no stack. */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
  }
}

export class ConfigError extends UserFacingError {}
