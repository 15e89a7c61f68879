import type { TimeBudget } from './budget.js';

/** Where the remote is and who we are to it; the token comes from the environment only. */
export interface Endpoint {
  url: string;
  team: string;
  token: string;
}

export interface Fetched {
  body: Buffer;
  tag: string | null;
}

/** Something went wrong talking to the server (not a miss): the caller stops using it for the run. */
export class RemoteError extends Error {}

/**
 * The Turborepo remote-cache API, v8: `/v8/artifacts/:hash` with the team as `teamId` (Vercel team
 * ids start with `team_`) or `slug`, and a bearer token. Every request draws on the run's budget.
 */
export class ArtifactClient {
  constructor(
    private readonly endpoint: Endpoint,
    private readonly budget: TimeBudget,
  ) {}

  private address(hash: string): string {
    const base = this.endpoint.url.replace(/\/+$/, '');
    const param = this.endpoint.team.startsWith('team_') ? 'teamId' : 'slug';
    return `${base}/v8/artifacts/${encodeURIComponent(hash)}?${param}=${encodeURIComponent(this.endpoint.team)}`;
  }

  private async request(method: string, hash: string, init: { body?: Buffer; headers?: Record<string, string> } = {}): Promise<{ status: number; body: Buffer; tag: string | null }> {
    try {
      return await this.budget.spend(async (signal) => {
        const response = await fetch(this.address(hash), {
          method,
          signal,
          headers: { Authorization: `Bearer ${this.endpoint.token}`, ...init.headers },
          ...(init.body ? { body: init.body } : {}),
        });
        const body = method === 'HEAD' ? Buffer.alloc(0) : Buffer.from(await response.arrayBuffer());
        return { status: response.status, body, tag: response.headers.get('x-artifact-tag') };
      });
    } catch (error) {
      const why = error instanceof Error && error.name === 'TimeoutError' ? 'no answer within the time budget' : error instanceof Error ? error.message : String(error);
      throw new RemoteError(`${method} ${this.endpoint.url}: ${why}`);
    }
  }

  private static fail(method: string, status: number): RemoteError {
    const hint = status === 401 || status === 403 ? ' (is GATEKEEPER_REMOTE_CACHE_TOKEN right, and may it do this?)' : '';
    return new RemoteError(`${method} answered HTTP ${status}${hint}`);
  }

  /** The artifact and its signature tag, or undefined when the server has none. */
  async get(hash: string): Promise<Fetched | undefined> {
    const answer = await this.request('GET', hash);
    if (answer.status === 404) return undefined;
    if (answer.status !== 200) throw ArtifactClient.fail('GET', answer.status);
    return { body: answer.body, tag: answer.tag };
  }

  async has(hash: string): Promise<boolean> {
    const answer = await this.request('HEAD', hash);
    if (answer.status === 404) return false;
    if (answer.status !== 200) throw ArtifactClient.fail('HEAD', answer.status);
    return true;
  }

  async put(hash: string, body: Buffer, tag: string, durationMs: number): Promise<void> {
    const answer = await this.request('PUT', hash, {
      body,
      headers: { 'Content-Type': 'application/octet-stream', 'x-artifact-tag': tag, 'x-artifact-duration': String(Math.max(0, Math.round(durationMs))) },
    });
    if (answer.status !== 200 && answer.status !== 202) throw ArtifactClient.fail('PUT', answer.status);
  }
}
