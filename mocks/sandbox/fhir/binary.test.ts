// @vitest-environment node
import type { Binary, DocumentReference } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { generateWorld } from '../../data/world';
import { endpointById, sandboxTopology } from '../topology';
import { createFhirEngine } from './engine';
import { createFhirHandler } from './handler';

const topology = sandboxTopology(47300);
const endpoint = endpointById(topology, 'ouse-valley-acute');
const world = generateWorld();

describe('document attachments through the FHIR endpoint', () => {
  it('serves a Binary only with a valid bearer token, as JSON, never cacheable', async () => {
    const engine = await createFhirEngine(world.byEndpoint[endpoint.id] ?? []);
    const handler = createFhirHandler({
      endpoint, topology, engine,
      verify: async (token) => (token === 'good' ? { ok: true, claims: { sub: 'u', aud: endpoint.baseUrl, scope: 'user/*.rs', iss: '', client_id: '', exp: 0, iat: 0 } } : { ok: false, reason: 'invalid token' }),
    });
    const doc = world.byEndpoint[endpoint.id]!.find((r): r is DocumentReference => r.resourceType === 'DocumentReference')!;
    const url = `${endpoint.baseUrl}/${doc.content[0]!.attachment.url}`;
    expect((await handler(new Request(url))).status).toBe(401);
    expect((await handler(new Request(url, { headers: { authorization: 'Bearer stolen' } }))).status).toBe(401);
    const ok = await handler(new Request(url, { headers: { authorization: 'Bearer good' } }));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    const binary = (await ok.json()) as Binary;
    expect(binary.contentType).toBe('application/pdf');
    expect(atob(binary.data!).startsWith('%PDF-1.4')).toBe(true);
  });
});
