import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { jsonSchema } from '../src/config/schema.js';
import { REPO } from './helpers/project.js';

const committed = JSON.parse(readFileSync(path.join(REPO, 'schema', 'gatekeeper.schema.json'), 'utf8')) as Record<string, unknown>;

describe('the committed JSON Schema', () => {
  it('is what the config schema generates (run `npm run schema` after changing a gate)', () => {
    expect(committed).toEqual(jsonSchema());
  });

  it('accepts Gatekeeper\'s own config and rejects a gate of unknown kind', () => {
    const validate = new Ajv2020({ strict: false }).compile(committed);
    const own = JSON.parse(readFileSync(path.join(REPO, '.gatekeeper.json'), 'utf8')) as unknown;
    expect(validate(own)).toBe(true);
    expect(validate({ gates: [{ id: 'x', kind: 'typo' }] })).toBe(false);
  });
});
