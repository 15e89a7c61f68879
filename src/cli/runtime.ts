/** What every command gets from main: the cancel signal and a way to set the exit code. */
export interface CommandRuntime {
  signal: AbortSignal;
  setExitCode(code: number): void;
}
