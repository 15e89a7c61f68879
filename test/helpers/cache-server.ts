import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { REPO, TMP } from './project.js';

export const CACHE_TOKEN = 'test-token-not-secret';

export interface CacheServer {
  url: string;
  /** The server's local storage folder: artifacts are <storage>/<team>/<hash>, tags <hash>.tag. */
  storage: string;
  stop(): Promise<void>;
}

/**
 * The real turborepo-remote-cache server from its npm package, on 127.0.0.1 and a port the kernel
 * picks (PORT=0), with local storage in a fresh folder. Ready when it prints its listening line.
 * It keeps `x-artifact-tag`s only when it has a signature key of its own (it never checks them).
 */
export async function startCacheServer(): Promise<CacheServer> {
  mkdirSync(TMP, { recursive: true });
  const storage = mkdtempSync(path.join(TMP, 'remote-cache-'));
  const child: ResultPromise = execa(process.execPath, [path.join(REPO, 'node_modules/turborepo-remote-cache/dist/cli.js')], {
    cwd: storage,
    reject: false,
    env: {
      HOST: '127.0.0.1',
      PORT: '0',
      TURBO_TOKEN: CACHE_TOKEN,
      STORAGE_PROVIDER: 'local',
      STORAGE_PATH: storage,
      STORAGE_PATH_USE_TMP_FOLDER: 'false',
      TURBO_REMOTE_CACHE_SIGNATURE_KEY: 'the-server-stores-tags',
      LOG_LEVEL: 'info',
    },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const found = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (found?.[1]) resolve(found[1]);
    });
    void child.then((r) => reject(new Error(`the cache server exited before listening: ${String(r.stdout)} ${String(r.stderr)}`)));
  });
  return {
    url,
    storage,
    async stop() {
      child.kill('SIGTERM');
      await child;
      rmSync(storage, { recursive: true, force: true });
    },
  };
}

export interface FakeServer {
  url: string;
  /** Requests received so far, as "METHOD path". */
  requests: string[];
  stop(): Promise<void>;
}

/** A server that misbehaves on purpose: `hang` never answers, `error` answers 500 to everything. */
export async function startBadServer(behaviour: 'hang' | 'error'): Promise<FakeServer> {
  const requests: string[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    requests.push(`${req.method ?? '?'} ${req.url ?? ''}`);
    if (behaviour === 'error') res.writeHead(500).end('{"error":"boom"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
