import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/core/errors.js';

const FILE = '/project/.gatekeeper.json';

function errorFor(text: string): string {
  try {
    parseConfig(text, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

describe('a broken .gatekeeper.json gets one paragraph naming the file, the field and what was expected', () => {
  const corpus: [string, string, RegExp][] = [
    ['invalid JSON (line and column)', '{\n  "gates": [\n    { "id": "a", }\n    oops\n  ]\n}', /not valid JSON at line 4, column 5/],
    ['an empty file', '', /the file is empty; expected a JSON object/],
    ['white space only', '  \n ', /the file is empty/],
    ['an array at the top', '[]', /expected a JSON object with a "gates" array/],
    ['an empty gate list', '{ "gates": [] }', /gates: expected at least one gate/],
    ['no gate list', '{}', /gates: expected array, got nothing/],
    ['gates of the wrong type', '{ "gates": {} }', /gates: expected array, got an object/],
    ['an unknown kind (nearest suggested)', '{ "gates": [{ "id": "a", "kind": "typechek" }] }', /gates\[0\]\.kind: unknown gate kind "typechek" \(did you mean "typecheck"\?\)/],
    ['a kind of the wrong type', '{ "gates": [{ "id": "a", "kind": 3 }] }', /gates\[0\]\.kind: expected one of "typecheck", .*got number 3/],
    ['duplicate ids', '{ "gates": [{ "id": "a", "kind": "lint" }, { "id": "a", "kind": "test" }] }', /gates\[1\]\.id: expected a unique id \("a" is already the id of gates\[0\]\)/],
    ['an unknown top-level key (nearest suggested)', '{ "gates": [{ "id": "a", "kind": "lint" }], "failfast": true }', /failfast: unknown key \(did you mean "failFast"\?\)/],
    ['an unknown gate option (nearest suggested)', '{ "gates": [{ "id": "a", "kind": "complexity", "maxCyclomatc": 3 }] }', /gates\[0\]\.maxCyclomatc: unknown key \(did you mean "maxCyclomatic"\?\)/],
    ['a negative timeout', '{ "gates": [{ "id": "a", "kind": "lint", "timeout": -1 }] }', /gates\[0\]\.timeout: expected a positive number of seconds, got number -1/],
    ['a wrong type in a gate option', '{ "gates": [{ "id": "a", "kind": "complexity", "maxCyclomatic": "15" }] }', /gates\[0\]\.maxCyclomatic: expected number, got the string "15"/],
    ['a wrong type for failFast', '{ "failFast": "yes", "gates": [{ "id": "a", "kind": "lint" }] }', /failFast: expected boolean, got the string "yes"/],
    ['a missing id', '{ "gates": [{ "kind": "lint" }] }', /gates\[0\]\.id: expected string, got nothing/],
    ['a bad id', '{ "gates": [{ "id": "a b", "kind": "lint" }] }', /gates\[0\]\.id: expected an id of letters/],
    ['a command gate without its command', '{ "gates": [{ "id": "a", "kind": "command" }] }', /gates\[0\]\.command: expected string, got nothing/],
    ['a gate that is not an object', '{ "gates": ["lint"] }', /gates\[0\]/],
  ];

  it.each(corpus)('%s', (_name, text, expected) => {
    const message = errorFor(text);
    expect(message).toMatch(expected);
    expect(message).toContain(FILE);
    expect(message).not.toContain('\n    at ');
  });

  it('accepts comments and trailing commas, like tsconfig', () => {
    const config = parseConfig('{\n  // the gates\n  "gates": [{ "id": "a", "kind": "lint", },],\n}', FILE);
    expect(config.gates.map((g) => g.id)).toEqual(['a']);
  });
});

describe('the config loader on arbitrary input', () => {
  it('either returns a config or throws a ConfigError, never anything else', () => {
    const text = fc.oneof(
      fc.string(),
      fc.json(),
      fc.jsonValue().map((v) => JSON.stringify({ gates: [v] })),
      fc.record({ id: fc.string(), kind: fc.constantFrom('lint', 'typecheck', 'command', 'complexity', 'x'), timeout: fc.anything() }).map((g) => JSON.stringify({ gates: [g] })),
    );
    fc.assert(
      fc.property(text, (input) => {
        try {
          const config = parseConfig(input, FILE);
          expect(Array.isArray(config.gates)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
          expect((error as Error).message).toContain(FILE);
        }
      }),
      { numRuns: 500 },
    );
  });
});
