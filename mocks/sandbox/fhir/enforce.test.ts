import type { Bundle, OperationOutcome } from 'fhir/r4';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateWorld } from '../../data/world';
import { sandboxTopology } from '../topology';
import { createFhirEngine, type FhirEngine } from './engine';
import { createFhirHandler } from './handler';
import type { Enforcement } from './enforcement';

const t = sandboxTopology(18400);
const world = generateWorld();
const engines = new Map<string, FhirEngine>();
beforeAll(async () => {
  for (const id of ['fenland-mh', 'ouse-valley-acute']) engines.set(id, await createFhirEngine(world.byEndpoint[id] ?? []));
}, 30_000);

function handler(endpointId: string, enforcement: Enforcement) {
  const endpoint = t.endpoints.find((e) => e.id === endpointId)!;
  return { endpoint, handle: createFhirHandler({ endpoint, topology: t, engine: engines.get(endpointId)!, enforcement: () => enforcement }) };
}

async function search(endpointId: string, enforcement: Enforcement, personKey: string, type: string, purpose?: string) {
  const { endpoint, handle } = handler(endpointId, enforcement);
  const id = world.people.find((p) => p.key === personKey)!.patientIds[endpointId];
  const res = await handle(new Request(`${endpoint.baseUrl}/${type}?patient=${id}&_count=500`, { headers: purpose ? { 'x-purpose-of-use': purpose } : {} }));
  const bundle = (await res.json()) as Bundle;
  const entries = bundle.entry ?? [];
  return {
    matches: entries.filter((e) => e.search?.mode === 'match').length,
    suppressed: entries.filter((e) => e.search?.mode === 'outcome').flatMap((e) => (e.resource as OperationOutcome).issue).filter((i) => i.code === 'suppressed').length,
  };
}

describe('server-side enforcement at an enforcing endpoint', () => {
  it('withholds an objecting patient’s records, saying so with a suppressed issue; BTG lifts it', async () => {
    const on = { objections: true, labels: false };
    const withheld = await search('fenland-mh', on, world.cases.objection, 'Encounter');
    expect(withheld.matches).toBe(0);
    expect(withheld.suppressed).toBeGreaterThan(0);
    const glass = await search('fenland-mh', on, world.cases.objection, 'Encounter', 'BTG');
    expect(glass).toEqual({ matches: withheld.suppressed, suppressed: 0 });
    // The Consent itself stays readable: a client must be able to learn of the objection.
    expect((await search('fenland-mh', on, world.cases.objection, 'Consent')).matches).toBe(1);
  });

  it('withholds labelled items one suppressed issue each; an endpoint that does not enforce sends them', async () => {
    const labelled = await search('ouse-valley-acute', { objections: false, labels: true }, world.cases.sensitive, 'Encounter');
    const open = await search('ouse-valley-acute', { objections: false, labels: false }, world.cases.sensitive, 'Encounter');
    expect(labelled.suppressed).toBe(1); // the sexual health clinic visit (R + SEX)
    expect(open).toEqual({ matches: labelled.matches + 1, suppressed: 0 });
  });

  it('refuses a direct read of a withheld resource', async () => {
    const { endpoint, handle } = handler('ouse-valley-acute', { objections: false, labels: true });
    const labelled = (world.byEndpoint['ouse-valley-acute'] ?? []).find((r) => r.meta?.security?.some((c) => c.code === 'HIV'))!;
    expect((await handle(new Request(`${endpoint.baseUrl}/${labelled.resourceType}/${labelled.id}`))).status).toBe(403);
  });
});
