import { InvalidArgumentError } from 'commander';

/** `--timeout 1.5` → 1.5; zero, a negative or not a number is commander's one-line usage error. */
export function positiveSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`expected a number of seconds above 0, got "${value}".`);
  return n;
}
