const warned = new Set<string>();

/** Warnings about Gatekeeper's own state (cache, ledger) go to stderr once per run, never to stdout. */
export function warnOnce(key: string, message: string): void {
  if (warned.has(key)) return;
  warned.add(key);
  process.stderr.write(`${message}\n`);
}
