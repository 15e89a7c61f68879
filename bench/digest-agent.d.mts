export function namedPositions(digest: string): string[];
export function attemptsToGreen<R extends { status: string; diagnostics: readonly { file?: string; line?: number }[] }>(start: R[], digestOf: (results: R[]) => string, maxAttempts: number): number;
