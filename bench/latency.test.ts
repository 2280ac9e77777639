import { afterEach, describe, expect, it } from 'vitest';
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { latencyFromEnv, listenLocal } from '../mocks/sandbox/http-util';
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
