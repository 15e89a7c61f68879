import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BoundedText, boundText } from '../../src/core/bounded-text.js';

describe('bounded output text', () => {
  it('keeps text under the limit whole, with no note', () => {
    expect(boundText('short', 100)).toBe('short');
  });

  it('keeps the head and the tail, and says how much was cut and the cap', () => {
    const text = `HEAD${'x'.repeat(1000)}TAIL`;
    const kept = boundText(text, 100);
    expect(kept.startsWith('HEAD')).toBe(true);
    expect(kept.endsWith('TAIL')).toBe(true);
    expect(kept).toContain(`[... ${text.length - 100} characters of output not kept (cap 100) ...]`);
  });

  it('keeps the same text however the stream is chunked, and never more than the limit plus the note', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 50 }), { maxLength: 40 }), fc.integer({ min: 2, max: 200 }), (chunks, limit) => {
        const streamed = new BoundedText(limit);
        chunks.forEach((c) => streamed.push(c));
        const whole = chunks.join('');
        expect(streamed.toString()).toBe(boundText(whole, limit));
        expect(streamed.truncated).toBe(whole.length > limit - (limit % 2));
        const note = streamed.truncated ? `\n[... ${whole.length - (limit - (limit % 2))} characters of output not kept (cap ${limit}) ...]\n`.length : 0;
        expect(streamed.toString().length).toBeLessThanOrEqual(Math.min(whole.length, limit) + note);
      }),
    );
  });
});
