import { afterEach, describe, expect, it } from 'vitest';
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { latencyFromEnv, listenLocal, observeServedRequests, type ServedRequest } from '../mocks/sandbox/http-util';
import { addLatencyToPort } from './auth-latency';

const PORT = 19391;
const timeGet = (url: string) =>
  new Promise<number>((resolve, reject) => {
    const t0 = performance.now();
    get(url, (res) => {
      res.resume();
      res.on('end', () => resolve(performance.now() - t0));
    }).on('error', reject);
  });

describe('SANDBOX_LATENCY_MS', () => {
  const saved = process.env.SANDBOX_LATENCY_MS;
  afterEach(() => {
    if (saved === undefined) delete process.env.SANDBOX_LATENCY_MS;
    else process.env.SANDBOX_LATENCY_MS = saved;
  });

  it('is 0 when unset or empty, and refuses nonsense', () => {
    expect(latencyFromEnv({})).toBe(0);
    expect(latencyFromEnv({ SANDBOX_LATENCY_MS: '' })).toBe(0);
    expect(latencyFromEnv({ SANDBOX_LATENCY_MS: '200' })).toBe(200);
    expect(() => latencyFromEnv({ SANDBOX_LATENCY_MS: 'fast' })).toThrow(/SANDBOX_LATENCY_MS/);
    expect(() => latencyFromEnv({ SANDBOX_LATENCY_MS: '-1' })).toThrow(/SANDBOX_LATENCY_MS/);
  });

  it('delays every answer of a server started while it is set, and only that server', async () => {
    process.env.SANDBOX_LATENCY_MS = '150';
    const slow = await listenLocal(PORT, (_req, res) => void res.end('ok'), 'slow');
    delete process.env.SANDBOX_LATENCY_MS;
    const fast = await listenLocal(PORT + 1, (_req, res) => void res.end('ok'), 'fast');
    try {
      expect(await timeGet(`${slow.origin}/`)).toBeGreaterThanOrEqual(145);
      expect(await timeGet(`${fast.origin}/`)).toBeLessThan(100);
    } finally {
      await Promise.all([slow.close(), fast.close()]);
    }
  });
});

describe('observeServedRequests (the [sandbox] lines of the bench timeline)', () => {
  afterEach(() => observeServedRequests(undefined));

  it('reports each request once answered: arrival, the handler starting after the latency and behind the handler before it, the end', async () => {
    process.env.SANDBOX_LATENCY_MS = '100';
    // A handler that keeps this one process busy for 40 ms, as a search does.
    const busy = await listenLocal(PORT + 2, (_req, res) => {
      const until = performance.now() + 40;
      while (performance.now() < until) { /* working */ }
      res.end('ok');
    }, 'busy');
    delete process.env.SANDBOX_LATENCY_MS;
    const served: ServedRequest[] = [];
    observeServedRequests((s) => served.push(s));
    try {
      await Promise.all([timeGet(`${busy.origin}/first`), timeGet(`${busy.origin}/second?x=1`)]);
    } finally {
      await busy.close();
    }
    expect(served.map((s) => [s.server, s.method, s.url, s.latencyMs]).sort()).toEqual([['busy', 'GET', '/first', 100], ['busy', 'GET', '/second?x=1', 100]]);
    for (const s of served) {
      expect(s.started - s.arrived).toBeGreaterThanOrEqual(95);
      expect(s.finished - s.started).toBeGreaterThanOrEqual(39);
    }
    // Both arrived together; the later one's handler could start only after the other's 40 ms.
    const [a, b] = [...served].sort((x, y) => x.started - y.started);
    expect(b!.started - a!.started).toBeGreaterThanOrEqual(39);
  });

  it('reports nothing once stopped', async () => {
    const served: ServedRequest[] = [];
    observeServedRequests((s) => served.push(s));
    observeServedRequests(undefined);
    const plain = await listenLocal(PORT + 3, (_req, res) => void res.end('ok'), 'plain');
    try {
      await timeGet(`${plain.origin}/`);
    } finally {
      await plain.close();
    }
    expect(served).toEqual([]);
  });
});

describe('addLatencyToPort (the authorisation server, which does not use listenLocal)', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it('delays requests to that port until undone', async () => {
    server = createServer((_req, res) => void res.end('ok'));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const undo = addLatencyToPort(port, 150);
    try {
      expect(await timeGet(`http://127.0.0.1:${port}/`)).toBeGreaterThanOrEqual(145);
    } finally {
      undo();
    }
    expect(await timeGet(`http://127.0.0.1:${port}/`)).toBeLessThan(100);
  });
});
