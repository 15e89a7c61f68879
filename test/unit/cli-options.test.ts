import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { collectList } from '../../src/cli/list-option.js';
import { positiveSeconds } from '../../src/cli/seconds-option.js';

describe('option parsers shared by the commands', () => {
  it('reads seconds above 0 (loop --agent-timeout, agent-hook --timeout) and refuses the rest with one line', () => {
    expect(positiveSeconds('1.5')).toBe(1.5);
    expect(positiveSeconds('600')).toBe(600);
    for (const bad of ['0', '-3', 'abc', '', 'Infinity']) expect(() => positiveSeconds(bad)).toThrow(InvalidArgumentError);
    expect(() => positiveSeconds('0')).toThrow('expected a number of seconds above 0, got "0".');
  });

  it('joins repeated and comma-separated lists', () => {
    expect(collectList('a, b,', collectList('c', undefined))).toEqual(['c', 'a', 'b']);
  });
});
