import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The `x-artifact-tag` Turborepo computes: base64(HMAC-SHA256(key, hash ‖ teamId ‖ body)). Using
 * its exact recipe keeps artifacts readable by any tool that verifies Turborepo signatures.
 */
export function artifactTag(signingKey: string, hash: string, team: string, body: Buffer): string {
  return createHmac('sha256', signingKey).update(hash).update(team).update(body).digest('base64');
}

/** Constant-time: a forger learns nothing from how long a wrong tag takes to reject. */
export function tagVerifies(signingKey: string, hash: string, team: string, body: Buffer, tag: string | null): boolean {
  if (tag === null) return false;
  const expected = Buffer.from(artifactTag(signingKey, hash, team, body), 'base64');
  const given = Buffer.from(tag, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
