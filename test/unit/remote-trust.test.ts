import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { GateResult } from '../../src/core/result.js';
import { decodeArtifact, encodeArtifact, shareable } from '../../src/remote/artifact.js';
import { openRemoteCache } from '../../src/remote/remote-cache.js';
import { artifactTag, tagVerifies } from '../../src/remote/signature.js';

const result = (status: GateResult['status']): GateResult => ({ id: 'types', kind: 'typecheck', status, diagnostics: [], summary: 'ok', output: '', durationMs: 5, cached: false });
const KEY = 'a'.repeat(64);

describe('what makes a remote entry trustworthy', () => {
  it('signs as Turborepo does: base64 HMAC-SHA256 over hash, team id, then the body', () => {
    const body = Buffer.from('artifact');
    const expected = createHmac('sha256', 'secret').update(Buffer.concat([Buffer.from(`${KEY}team_123`), body])).digest('base64');
    expect(artifactTag('secret', KEY, 'team_123', body)).toBe(expected);
  });

  it('verifies only the same body, hash, team and key', () => {
    const body = encodeArtifact(KEY, result('passed'));
    const tag = artifactTag('secret', KEY, 'acme', body);
    expect(tagVerifies('secret', KEY, 'acme', body, tag)).toBe(true);
    expect(tagVerifies('other', KEY, 'acme', body, tag)).toBe(false);
    expect(tagVerifies('secret', 'b'.repeat(64), 'acme', body, tag)).toBe(false);
    expect(tagVerifies('secret', KEY, 'evil', body, tag)).toBe(false);
    expect(tagVerifies('secret', KEY, 'acme', body.subarray(0, body.length - 3), tag)).toBe(false);
    expect(tagVerifies('secret', KEY, 'acme', body, null)).toBe(false);
    expect(tagVerifies('secret', KEY, 'acme', body, '')).toBe(false);
  });

  it('reads back a result only for the key it names, and only a tool\'s verdict', () => {
    const body = encodeArtifact(KEY, result('failed'));
    expect(decodeArtifact(body, KEY)).toMatchObject({ id: 'types', status: 'failed', cached: false });
    expect(decodeArtifact(body, 'b'.repeat(64))).toBeUndefined();
    expect(decodeArtifact(body.subarray(0, 20), KEY)).toBeUndefined();
    expect(decodeArtifact(encodeArtifact(KEY, result('errored')), KEY)).toBeUndefined();
    expect(shareable(result('errored'))).toBe(false);
    expect(shareable(result('skipped'))).toBe(false);
  });

  it('writes with "ci" only when CI is set, and needs both secrets from the environment', () => {
    const config = { url: 'http://127.0.0.1:1', team: 'acme', write: 'ci' as const };
    const secrets = { GATEKEEPER_REMOTE_CACHE_TOKEN: 't', GATEKEEPER_REMOTE_CACHE_SIGNATURE_KEY: 'k' };
    expect(openRemoteCache(config, { ...secrets, CI: 'true' })?.canWrite).toBe(true);
    expect(openRemoteCache(config, { ...secrets })?.canWrite).toBe(false);
    expect(openRemoteCache(config, { ...secrets, CI: 'false' })?.canWrite).toBe(false);
    expect(openRemoteCache({ ...config, read: false, write: false }, secrets)).toBeUndefined();
    expect(openRemoteCache(undefined, secrets)).toBeUndefined();
  });
});
