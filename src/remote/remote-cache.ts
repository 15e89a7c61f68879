import type { RemoteCacheConfig } from '../config/schema.js';
import type { GateResult } from '../core/result.js';
import { warnOnce } from '../core/warn-once.js';
import { decodeArtifact, encodeArtifact, shareable } from './artifact.js';
import { TimeBudget } from './budget.js';
import { ArtifactClient } from './http-client.js';
import { artifactTag, tagVerifies } from './signature.js';

export const TOKEN_ENV = 'GATEKEEPER_REMOTE_CACHE_TOKEN';
export const SIGNING_KEY_ENV = 'GATEKEEPER_REMOTE_CACHE_SIGNATURE_KEY';
export const DEFAULT_REMOTE_TIMEOUT_MS = 2000;

/**
 * The shared cache of one run: looked up after the local cache, written after a gate ran. It can
 * only ever cost time (bounded by the run's budget) and never decide a verdict it cannot prove:
 * an entry counts only when its HMAC verifies with the team's key and it names the key we computed.
 */
export class RemoteCache {
  private broken = false;

  constructor(
    private readonly client: ArtifactClient,
    private readonly team: string,
    private readonly signingKey: string,
    readonly canRead: boolean,
    readonly canWrite: boolean,
    private readonly timeoutMs: number,
  ) {}

  private giveUp(error: unknown): void {
    this.broken = true;
    const message = error instanceof Error ? error.message : String(error);
    warnOnce('remote-cache-down', `gatekeeper: warning: the remote cache did not work (${message}); this run goes on without it (budget ${this.timeoutMs} ms).`);
  }

  /** The shared verdict for this key, or undefined: absent, unreachable, or not provably ours. */
  async lookup(key: string, gate: { id: string; kind: string }): Promise<GateResult | undefined> {
    if (!this.canRead || this.broken) return undefined;
    let fetched;
    try {
      fetched = await this.client.get(key);
    } catch (error) {
      this.giveUp(error);
      return undefined;
    }
    if (!fetched) return undefined;
    const result = tagVerifies(this.signingKey, key, this.team, fetched.body, fetched.tag) ? decodeArtifact(fetched.body, key) : undefined;
    if (!result || result.id !== gate.id || result.kind !== gate.kind) {
      warnOnce('remote-cache-untrusted', `gatekeeper: warning: ignored a remote cache entry for gate "${gate.id}" whose signature or content does not match (unsigned, signed with another key, truncated or for another key); the gate runs here.`);
      return undefined;
    }
    return result;
  }

  /** Uploads a verdict computed here (the caller has checked that its inputs held still). */
  async store(key: string, result: GateResult): Promise<void> {
    if (!this.canWrite || this.broken || !shareable(result)) return;
    const body = encodeArtifact(key, result);
    try {
      // A writer that does not read has not looked yet: skip the upload when the entry is there.
      if (!this.canRead && (await this.client.has(key))) return;
      await this.client.put(key, body, artifactTag(this.signingKey, key, this.team, body), result.durationMs);
    } catch (error) {
      this.giveUp(error);
    }
  }
}

/** `write: "ci"` uploads only where CI is set (and not to "false"): CI builds from clean checkouts. */
function writesHere(config: RemoteCacheConfig, env: NodeJS.ProcessEnv): boolean {
  if (config.write === true) return true;
  return config.write === 'ci' && env['CI'] !== undefined && env['CI'] !== '' && env['CI'] !== 'false';
}

/** The token and signing key from the environment, or undefined (with one warning naming what is not set). */
function secretsOf(env: NodeJS.ProcessEnv): { token: string; signingKey: string } | undefined {
  const token = env[TOKEN_ENV];
  const signingKey = env[SIGNING_KEY_ENV];
  if (token && signingKey) return { token, signingKey };
  const missing = [token ? undefined : TOKEN_ENV, signingKey ? undefined : SIGNING_KEY_ENV].filter((n) => n !== undefined);
  warnOnce('remote-cache-env', `gatekeeper: warning: remoteCache is configured but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set; this run uses the local cache only.`);
  return undefined;
}

/**
 * The run's remote cache from the config and the environment, or undefined when there is none to
 * use. Secrets live only in the environment: a repository file is readable by everyone who clones.
 */
export function openRemoteCache(config: RemoteCacheConfig | undefined, env: NodeJS.ProcessEnv = process.env): RemoteCache | undefined {
  if (!config) return undefined;
  const canRead = config.read !== false;
  const canWrite = writesHere(config, env);
  if (!canRead && !canWrite) return undefined;
  const secrets = secretsOf(env);
  if (!secrets) return undefined;
  const timeoutMs = config.timeoutMs ?? DEFAULT_REMOTE_TIMEOUT_MS;
  const client = new ArtifactClient({ url: config.url, team: config.team, token: secrets.token }, new TimeBudget(timeoutMs));
  return new RemoteCache(client, config.team, secrets.signingKey, canRead, canWrite, timeoutMs);
}
