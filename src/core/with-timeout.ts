export class TimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`timed out after ${Math.round(ms / 1000)} s`);
  }
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}

/** For in-process work that cannot be killed: stop waiting for it at the deadline or on cancel. */
export function withTimeout<T>(work: Promise<T>, ms: number, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new TimeoutError(ms)), ms);
    const onAbort = (): void => reject(new CancelledError());
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    });
  });
}
