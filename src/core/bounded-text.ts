/**
 * Keeps the head and the tail of a stream of text within a fixed budget, so that a tool printing
 * hundreds of megabytes cannot exhaust memory while the start (the first error) and the end
 * (the tool's summary) both survive. The cut is said in the text itself.
 */
export class BoundedText {
  private head = '';
  private tail = '';
  private dropped = 0;

  constructor(private readonly limit: number) {}

  push(chunk: string): void {
    const half = Math.floor(this.limit / 2);
    if (this.head.length < half) {
      const room = half - this.head.length;
      this.head += chunk.slice(0, room);
      chunk = chunk.slice(room);
      if (chunk.length === 0) return;
    }
    this.tail += chunk;
    if (this.tail.length > half) {
      this.dropped += this.tail.length - half;
      this.tail = this.tail.slice(this.tail.length - half);
    }
  }

  get truncated(): boolean {
    return this.dropped > 0;
  }

  toString(): string {
    if (this.dropped === 0) return this.head + this.tail;
    return `${this.head}\n[... ${this.dropped} characters of output not kept (cap ${this.limit}) ...]\n${this.tail}`;
  }
}

export const OUTPUT_LIMIT = 64 * 1024;

export function boundText(text: string, limit = OUTPUT_LIMIT): string {
  const b = new BoundedText(limit);
  b.push(text);
  return b.toString();
}
