import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface RunningServer {
  origin: string;
  close(): Promise<void>;
}

/**
 * SANDBOX_LATENCY_MS: milliseconds added before every answer of every server started
 * through listenLocal (a network round trip, for `npm run bench` or a realistic demo).
 * Read when each server starts; 0 when unset, so tests are not slowed.
 */
export function latencyFromEnv(env: Record<string, string | undefined> = process.env): number {
  const raw = env.SANDBOX_LATENCY_MS ?? '';
  const ms = raw === '' ? 0 : Number(raw);
  if (!Number.isFinite(ms) || ms < 0 || ms > 60_000) throw new Error(`SANDBOX_LATENCY_MS must be 0 to 60000 milliseconds, got "${raw}"`);
  return ms;
}

/**
 * SANDBOX_SEARCH_MS: milliseconds of server time each FHIR search costs at the regional
 * endpoints (a direct search and each search inside a batch alike), for `npm run bench`'s
 * slow-server profile. Read when each endpoint starts; 0 when unset.
 */
export function searchTimeFromEnv(env: Record<string, string | undefined> = process.env): number {
  const raw = env.SANDBOX_SEARCH_MS ?? '';
  const ms = raw === '' ? 0 : Number(raw);
  if (!Number.isFinite(ms) || ms < 0 || ms > 60_000) throw new Error(`SANDBOX_SEARCH_MS must be 0 to 60000 milliseconds, got "${raw}"`);
  return ms;
}

/** One request as a sandbox server handled it, on the wall clock (epoch milliseconds, sub-millisecond). */
export interface ServedRequest {
  server: string;
  method: string;
  url: string;
  /** SANDBOX_LATENCY_MS of that server: what its handler waited by design before it started. */
  latencyMs: number;
  /** The request reached the server. */
  arrived: number;
  /** Its handler started: after SANDBOX_LATENCY_MS and behind whatever this process was doing. */
  started: number;
  /** The answer was handed to the operating system. */
  finished: number;
}

let observer: ((served: ServedRequest) => void) | undefined;

/**
 * For `npm run bench`'s request timeline: reports every request answered by a server
 * started through listenLocal (the regional endpoints, the governance services, the app
 * and the hosts; not the authorisation server) while set. One process answers them all,
 * so the gap between a request's `arrived` + latency and its `started` is time spent
 * behind other requests' handlers, which separate organisations' servers would not add.
 * `undefined` stops it.
 */
export function observeServedRequests(report: ((served: ServedRequest) => void) | undefined): void {
  observer = report;
}

const wallNow = () => performance.timeOrigin + performance.now();

/**
 * Listens on 127.0.0.1 only (the sandbox never serves beyond this machine) and closes
 * idle keep-alive connections on shutdown so that Ctrl-C ends the process at once.
 */
export async function listenLocal(port: number, handler: NodeHandler, name: string): Promise<RunningServer> {
  const latencyMs = latencyFromEnv();
  const server: Server = createServer((req, res) => {
    const report = observer;
    const arrived = report ? wallNow() : 0;
    let started = 0;
    if (report) {
      res.on('finish', () => report({ server: name, method: req.method ?? '', url: req.url ?? '', latencyMs, arrived, started, finished: wallNow() }));
    }
    const answer = () => {
      if (report) started = wallNow();
      return Promise.resolve(handler(req, res)).catch((err: unknown) => {
        console.error(`[${name}] ${req.method} ${req.url}:`, err);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('Internal error in the sandbox');
      });
    };
    // A client gone meanwhile (or the server closed) gets nothing; its handler never runs.
    if (latencyMs > 0) {
      setTimeout(() => {
        if (!req.socket.destroyed) void answer();
      }, latencyMs);
    } else void answer();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new Error(`${name}: port ${port} is already in use (is another sandbox running? set SANDBOX_PORT_BASE)`) : err),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    origin: `http://localhost:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export function sendHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(html);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export async function readBody(req: IncomingMessage, limitBytes = 1_000_000): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
