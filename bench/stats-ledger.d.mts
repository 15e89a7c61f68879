export interface LedgerOptions {
  lines?: number;
  days?: number;
  seed?: number;
  end?: number;
  torn?: number;
}
export function generateLedger(options?: LedgerOptions): string;
export function writeLedger(root: string, options?: LedgerOptions): string;
