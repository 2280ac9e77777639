import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWorld } from '../data/world';
import { handleAdmin } from './admin';
import type { AccessTokenVerifier } from './auth/verify';
import { EndpointPool } from './endpoint-pool';
import { parseFaultsEnv } from './faults';
import { listenLocal, type RunningServer } from './http-util';
import { sandboxTopology } from './topology';

/** The control API over real HTTP, with faults set at start (SANDBOX_FAULTS) and changed while running. */
const topology = sandboxTopology(30000 + Math.round(Math.random() * 20000));
const verify: AccessTokenVerifier = async () => ({ ok: false, reason: 'no tokens in this test' });
const pool = new EndpointPool(topology, verify);
let home: RunningServer;

beforeAll(async () => {
  await pool.start(generateWorld(), parseFaultsEnv('fenland-mh=http-503,stort-acute=none@250', topology.endpoints.map((e) => e.id)));
  home = await listenLocal(topology.portBase + 10, async (req, res) => {
    if (!(await handleAdmin(req, res, pool))) res.end('home');
  }, 'home');
});
afterAll(async () => {
  await home.close();
  await pool.close();
});

const admin = (path: string, init?: RequestInit) => fetch(`${home.origin}/admin/faults${path}`, init);

describe('admin API', () => {
  it('lists the faults set at start', async () => {
    const all = await (await admin('')).json();
    expect(all['fenland-mh']).toEqual({ mode: 'http-503', latencyMs: 0 });
    expect(all['stort-acute']).toEqual({ mode: 'none', latencyMs: 250 });
    expect(all['riverside-gp']).toEqual({ mode: 'none', latencyMs: 0 });
  });

  it('changes one endpoint while running, and DELETE makes every endpoint healthy', async () => {
    const put = await admin('/ouse-community', { method: 'PUT', body: '{"mode":"hostile-content"}' });
    expect(put.status).toBe(200);
    expect(await (await admin('/ouse-community')).json()).toEqual({ 'ouse-community': { mode: 'hostile-content', latencyMs: 0 } });
    expect((await admin('', { method: 'DELETE' })).status).toBe(200);
    expect(Object.values(await (await admin('')).json()).every((f) => JSON.stringify(f) === '{"mode":"none","latencyMs":0}')).toBe(true);
  });

  it('refuses a bad fault with the field named, and an unknown endpoint with 404', async () => {
    const bad = await admin('/fenland-mh', { method: 'PUT', body: '{"mode":"explode"}' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/^mode must be one of/);
    const notJson = await admin('/fenland-mh', { method: 'PUT', body: 'hang' });
    expect((await notJson.json()).error).toMatch(/must be JSON/);
    const unknown = await admin('/nowhere', { method: 'PUT', body: '{}' });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toMatch(/unknown endpoint "nowhere"/);
  });

  it('gives no other origin permission to call it (no CORS headers)', async () => {
    const res = await admin('', { headers: { origin: topology.appOrigin } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
