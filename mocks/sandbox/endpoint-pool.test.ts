import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWorld } from '../data/world';
import type { AccessTokenVerifier } from './auth/verify';
import { EndpointPool } from './endpoint-pool';
import { HEALTHY } from './faults';
import { sandboxTopology } from './topology';

/** Real HTTP servers with the fault layer in front; a fixed token stands in for the auth server. */
const topology = sandboxTopology(30000 + Math.round(Math.random() * 20000));
const verify: AccessTokenVerifier = async (token) =>
  token === 'test-token' ? { ok: true, claims: { iss: 'x', sub: 'u', aud: 'x', scope: '', client_id: 'c', exp: 0, iat: 0 } } : { ok: false, reason: 'invalid token' };
const pool = new EndpointPool(topology, verify);
const endpoint = topology.endpoints[0]!;
const world = generateWorld();
const person = world.people.find((p) => p.patientIds[endpoint.id])!;
const search = `${endpoint.baseUrl}/Encounter?patient=${person.patientIds[endpoint.id]}&_count=5`;
const get = (url: string, signal?: AbortSignal) =>
  fetch(url, { headers: { authorization: 'Bearer test-token', origin: topology.appOrigin }, signal });

beforeAll(() => pool.start(world, new Map()));
afterAll(() => pool.close());

describe('EndpointPool faults', () => {
  it('down refuses connections, and clearing it serves the same data again', async () => {
    const before = await (await get(search)).json();
    await pool.setFault(endpoint.id, { mode: 'down', latencyMs: 0 });
    await expect(get(`${endpoint.baseUrl}/metadata`)).rejects.toThrow();
    await pool.setFault(endpoint.id, HEALTHY);
    expect(await (await get(search)).json()).toEqual(before);
  });

  it('hang never answers', async () => {
    await pool.setFault(endpoint.id, { mode: 'hang', latencyMs: 0 });
    await expect(get(search, AbortSignal.timeout(300))).rejects.toThrow(/timeout|abort/i);
    await pool.setFault(endpoint.id, HEALTHY);
  });

  it('latency delays every answer, discovery included', async () => {
    await pool.setFault(endpoint.id, { mode: 'none', latencyMs: 300 });
    const t0 = Date.now();
    expect((await get(`${endpoint.baseUrl}/metadata`)).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    await pool.setFault(endpoint.id, HEALTHY);
  });

  it('503 carries Retry-After and CORS for the app, while metadata still answers', async () => {
    await pool.setFault(endpoint.id, { mode: 'http-503', latencyMs: 0 });
    const res = await get(search);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(res.headers.get('access-control-allow-origin')).toBe(topology.appOrigin);
    expect((await res.json()).resourceType).toBe('OperationOutcome');
    expect((await get(`${endpoint.baseUrl}/metadata`)).status).toBe(200);
    await pool.setFault(endpoint.id, HEALTHY);
  });

  it('looping and foreign next links, other-patient and duplicate entries change real searchsets', async () => {
    await pool.setFault(endpoint.id, { mode: 'looping-next-link', latencyMs: 0 });
    const loop = await (await get(search)).json();
    const linkOf = (b: { link: { relation: string; url: string }[] }, rel: string) => b.link.find((l) => l.relation === rel)?.url;
    expect(linkOf(loop, 'next')).toBe(linkOf(loop, 'self'));
    await pool.setFault(endpoint.id, { mode: 'foreign-next-link', latencyMs: 0 });
    const foreign = await (await get(search)).json();
    expect(new URL(foreign.link.find((l: { relation: string }) => l.relation === 'next').url).origin).not.toBe(new URL(endpoint.baseUrl).origin);
    await pool.setFault(endpoint.id, { mode: 'other-patient', latencyMs: 0 });
    const other = await (await get(search)).json();
    expect(other.entry.at(-1).resource.subject.reference).toBe('Patient/someone-else');
    await pool.setFault(endpoint.id, HEALTHY);
    const healthy = await (await get(search)).json();
    await pool.setFault(endpoint.id, { mode: 'duplicate-ids', latencyMs: 0 });
    const dup = await (await get(search)).json();
    expect(dup.entry).toHaveLength(healthy.entry.length * 2);
    await pool.setFault(endpoint.id, HEALTHY);
  });

  it('changes sent together apply in order: none then down leaves the port closed', async () => {
    await pool.setFault(endpoint.id, { mode: 'down', latencyMs: 0 });
    await Promise.all([pool.setFault(endpoint.id, HEALTHY), pool.setFault(endpoint.id, { mode: 'down', latencyMs: 0 })]);
    expect(pool.fault(endpoint.id).mode).toBe('down');
    await expect(get(`${endpoint.baseUrl}/metadata`)).rejects.toThrow();
    await Promise.all([pool.setFault(endpoint.id, { mode: 'down', latencyMs: 0 }), pool.setFault(endpoint.id, HEALTHY)]);
    expect((await get(`${endpoint.baseUrl}/metadata`)).status).toBe(200);
  });

  it('a fault changed while running applies to the next request', async () => {
    expect((await get(search)).status).toBe(200);
    await pool.setFault(endpoint.id, { mode: 'expired-token', latencyMs: 0 });
    expect((await get(search)).status).toBe(401);
    await pool.setFault(endpoint.id, HEALTHY);
    expect((await get(search)).status).toBe(200);
  });

  it('an unknown endpoint is refused by name', async () => {
    await expect(pool.setFault('nope', HEALTHY)).rejects.toThrow(/unknown endpoint "nope"/);
  });
});
