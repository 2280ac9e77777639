import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import type { Bundle, Patient } from 'fhir/r4';
import { generateWorld } from '../data/world';
import { endpointById, sandboxTopology } from '../sandbox/topology';
import { fhirHandlers } from './fhir';

const topology = sandboxTopology();
const world = generateWorld();
const server = setupServer();

beforeAll(async () => {
  server.use(...(await fhirHandlers(topology, world)));
  server.listen({ onUnhandledRequest: 'error' });
});
afterAll(() => server.close());

describe('fhirHandlers (MSW)', () => {
  it('answers every endpoint from the same world, without a token', async () => {
    const person = world.people.find((p) => p.key === world.cases.sixOrganisations);
    if (!person) throw new Error('no person');
    for (const [endpointId, id] of Object.entries(person.patientIds)) {
      const { baseUrl } = endpointById(topology, endpointId);
      const res = await fetch(`${baseUrl}/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|${person.nhsNumber}`);
      expect(res.status, endpointId).toBe(200);
      const b = (await res.json()) as Bundle;
      expect((b.entry?.[0]?.resource as Patient).id).toBe(id);
    }
  });

  it('takes batches POSTed at the base itself', async () => {
    const { baseUrl } = endpointById(topology, 'riverside-gp');
    const res = await fetch(baseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json' },
      body: JSON.stringify({ resourceType: 'Bundle', type: 'batch', entry: [{ request: { method: 'GET', url: 'metadata' } }, { request: { method: 'GET', url: 'Flag?_count=1' } }] }),
    });
    const b = (await res.json()) as Bundle;
    expect(b.type).toBe('batch-response');
    expect(b.entry?.[1]?.response?.status).toBe('200 OK');
  });

  it('lets a test override one endpoint with server.use', async () => {
    const { baseUrl } = endpointById(topology, 'stort-acute');
    server.use(http.get(`${baseUrl}/Encounter`, () => HttpResponse.json({ resourceType: 'OperationOutcome', issue: [] }, { status: 503 }), { once: true }));
    expect((await fetch(`${baseUrl}/Encounter`)).status).toBe(503);
    expect((await fetch(`${baseUrl}/Encounter`)).status).toBe(200);
  });
});
