import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bundle, OperationOutcome } from 'fhir/r4';
import { generateWorld } from '../../data/world';
import { endpointById, sandboxTopology } from '../topology';
import { createFhirEngine } from './engine';
import { startFhirEndpoint } from './server';

// A port base of its own, away from a running sandbox (8400) and the e2e world.
const topology = sandboxTopology(47100);
const endpoint = endpointById(topology, 'cambs-asc');
const world = generateWorld();
let server: { close(): Promise<void> };

beforeAll(async () => {
  const engine = await createFhirEngine(world.byEndpoint[endpoint.id] ?? []);
  server = await startFhirEndpoint({
    endpoint, topology, engine,
    verify: async (token) => (token === 'good' ? { ok: true, claims: { sub: 'u', aud: endpoint.baseUrl, scope: 'user/*.rs', iss: '', client_id: '', exp: 0, iat: 0 } } : { ok: false, reason: 'invalid token' }),
  });
});
afterAll(() => server.close());

describe('startFhirEndpoint (node:http)', () => {
  it('serves the handler on 127.0.0.1 at the endpoint port', async () => {
    const res = await fetch(`${endpoint.baseUrl}/Patient?_count=2`, { headers: { authorization: 'Bearer good', origin: topology.appOrigin } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(topology.appOrigin);
    const b = (await res.json()) as Bundle;
    expect(b.entry).toHaveLength(2);
    expect(b.link?.find((l) => l.relation === 'next')?.url).toMatch(new RegExp(`^${endpoint.baseUrl}/Patient\\?`));
  });

  it('passes request bodies through (batch) and keeps statuses and headers', async () => {
    const res = await fetch(endpoint.baseUrl, {
      method: 'POST',
      headers: { authorization: 'Bearer good', 'content-type': 'application/fhir+json' },
      body: JSON.stringify({ resourceType: 'Bundle', type: 'batch', entry: [{ request: { method: 'GET', url: 'Organization' } }] }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Bundle).entry?.[0]?.response?.status).toBe('200 OK');
    const denied = await fetch(`${endpoint.baseUrl}/Patient`);
    expect(denied.status).toBe(401);
    expect(denied.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(((await denied.json()) as OperationOutcome).issue?.[0]?.diagnostics).toBe('invalid token');
  });
});
