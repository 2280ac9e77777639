import { beforeAll, describe, expect, it } from 'vitest';
import type { Bundle, BundleEntry, FhirResource } from 'fhir/r4';
import { generateWorld } from '../data/world';
import { XSS_CORPUS } from '../data/hostile/xss-corpus';
import { normaliseResources } from '../../src/domain/normalise';
import { HUGE_RESPONSE_BYTES, OTHER_PATIENT_FLAG_TEXT, OTHER_PATIENT_ID, RETRY_AFTER_SECONDS, withFaults } from './fault-handler';
import { FOREIGN_NEXT_ORIGIN, HEALTHY, type EndpointFault, type FaultMode } from './faults';
import { createFhirEngine } from './fhir/engine';
import { createFhirHandler } from './fhir/handler';
import { endpointById, sandboxTopology } from './topology';

/** The fault layer over the real endpoint handler (no token check), request by request. */
const topology = sandboxTopology(46000);
const endpoint = endpointById(topology, 'fenland-mh');
const world = generateWorld();
const person = world.people.find((p) => p.key === world.cases.sixOrganisations)!;
const patientId = person.patientIds[endpoint.id]!;
const base = endpoint.baseUrl;
let fault: EndpointFault = HEALTHY;
let handle: (req: Request) => Promise<Response>;

beforeAll(async () => {
  const engine = await createFhirEngine(world.byEndpoint[endpoint.id] ?? []);
  handle = withFaults(createFhirHandler({ endpoint, topology, engine }), () => fault, topology.appOrigin);
});

const headers = { origin: topology.appOrigin, accept: 'application/fhir+json' };
const encounters = `${base}/Encounter?patient=${patientId}&_count=200`;
const searches = [`Encounter?patient=${patientId}&_count=200`, `Flag?patient=${patientId}&_count=200`, `CarePlan?patient=${patientId}&_count=200`];

async function get(mode: FaultMode, url = encounters): Promise<Response> {
  fault = { mode, latencyMs: 0 };
  return handle(new Request(url, { headers }));
}

async function batch(mode: FaultMode): Promise<Bundle> {
  fault = { mode, latencyMs: 0 };
  const body: Bundle = { resourceType: 'Bundle', type: 'batch', entry: searches.map((url) => ({ request: { method: 'GET', url } })) };
  const res = await handle(new Request(base, { method: 'POST', headers: { ...headers, 'content-type': 'application/fhir+json' }, body: JSON.stringify(body) }));
  expect(res.status).toBe(200);
  return (await res.json()) as Bundle;
}

const searchsetsOf = (b: Bundle) => (b.entry ?? []).map((e) => e.resource as Bundle);
const nextOf = (b: Bundle) => b.link?.find((l) => l.relation === 'next')?.url;
const resources = (b: Bundle) => (b.entry ?? []).map((e) => e.resource as FhirResource);

describe('withFaults', () => {
  it('answers errors with an OperationOutcome, CORS for the app and, for overload, Retry-After', async () => {
    for (const [mode, status] of [['http-500', 500], ['http-502', 502], ['http-503', 503], ['http-429', 429], ['operation-outcome', 400], ['expired-token', 401]] as const) {
      const res = await get(mode);
      expect(res.status, mode).toBe(status);
      expect(res.headers.get('access-control-allow-origin'), mode).toBe(topology.appOrigin);
      expect(((await res.json()) as FhirResource).resourceType, mode).toBe('OperationOutcome');
    }
    expect((await get('http-429')).headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS));
    expect((await get('expired-token')).headers.get('www-authenticate')).toMatch(/invalid_token/);
  });

  it('keeps discovery and metadata healthy under every content or error fault', async () => {
    for (const mode of ['http-500', 'malformed-json', 'not-fhir', 'expired-token', 'hostile-content'] as const) {
      expect((await get(mode, `${base}/metadata`)).status, mode).toBe(200);
      expect((await get(mode, `${base}/.well-known/smart-configuration`)).status, mode).toBe(200);
    }
  });

  it('sends JSON that does not parse, and JSON that is not FHIR', async () => {
    await expect((await get('malformed-json')).clone().json()).rejects.toThrow();
    expect(await (await get('not-fhir')).json()).not.toHaveProperty('resourceType');
  });

  it('changes the searchsets inside a batch-response, not only plain searches', async () => {
    const healthy = await batch('none');
    const dup = await batch('duplicate-ids');
    searchsetsOf(dup).forEach((s, i) => expect(s.entry ?? []).toHaveLength(2 * (searchsetsOf(healthy)[i]!.entry ?? []).length));
    for (const s of searchsetsOf(await batch('looping-next-link'))) expect(nextOf(s)).toBe(s.link?.find((l) => l.relation === 'self')?.url);
    for (const s of searchsetsOf(await batch('foreign-next-link'))) expect(new URL(nextOf(s)!).origin).toBe(FOREIGN_NEXT_ORIGIN);
    for (const s of searchsetsOf(await batch('other-patient'))) {
      expect(resources(s).some((r) => r.resourceType === 'Flag' && r.code?.text === OTHER_PATIENT_FLAG_TEXT)).toBe(true);
    }
  });

  it('other-patient adds a copy of a real record about someone else, which the subject check drops', async () => {
    const bundle = (await (await get('other-patient')).json()) as Bundle;
    const added = resources(bundle).filter((r) => JSON.stringify(r).includes(`Patient/${OTHER_PATIENT_ID}`));
    expect(added.map((r) => r.resourceType).sort()).toEqual(['Encounter', 'Flag']);
    const source = { endpointId: endpoint.id, organisationName: endpoint.organisationName, odsCode: endpoint.odsCode };
    expect(normaliseResources(resources(bundle), { source, patientId, baseUrl: base }).wrongSubject).toBe(2);
  });

  it('huge-response sends one answer of more than 20 MB, padded once even in a batch', async () => {
    const text = await (await get('huge-response')).text();
    expect(text.length).toBeGreaterThan(HUGE_RESPONSE_BYTES);
    fault = { mode: 'huge-response', latencyMs: 0 };
    const body = JSON.stringify(await batch('huge-response'));
    expect(body.length).toBeGreaterThan(HUGE_RESPONSE_BYTES);
    expect(body.length).toBeLessThan(2 * HUGE_RESPONSE_BYTES);
  });

  it('hostile-content puts payloads in every readable string and a narrative, keeping ids, references, dates and codes', async () => {
    const healthy = (await (await get('none')).json()) as Bundle;
    const hostile = (await (await get('hostile-content')).json()) as Bundle;
    const payloads = new Set(XSS_CORPUS.map((p) => p.payload));
    expect(hostile.entry).toHaveLength(healthy.entry!.length);
    hostile.entry!.forEach((e: BundleEntry, i) => {
      const before = healthy.entry![i]!.resource as import('fhir/r4').Encounter;
      const after = e.resource as import('fhir/r4').Encounter;
      expect(after.id).toBe(before.id);
      expect(after.subject).toEqual({ ...before.subject, ...(before.subject?.display ? { display: after.subject?.display } : {}) });
      expect(after.period).toEqual(before.period);
      expect(after.class.code).toBe(before.class.code);
      expect(after.type?.[0]?.coding?.map((c) => [c.system, c.code])).toEqual(before.type?.[0]?.coding?.map((c) => [c.system, c.code]));
      if (after.type?.[0]?.text !== undefined) expect(payloads.has(after.type[0].text)).toBe(true);
      expect(after.text?.div).toMatch(/^<div xmlns="http:\/\/www.w3.org\/1999\/xhtml">/);
    });
    const source = { endpointId: endpoint.id, organisationName: endpoint.organisationName, odsCode: endpoint.odsCode };
    const normalised = normaliseResources(resources(hostile), { source, patientId, baseUrl: base });
    expect(normalised.unreadable).toEqual([]);
    expect(normalised.records).toHaveLength(resources(healthy).length);
  });

  it('passes a read (not a searchset) through with its own status and headers', async () => {
    const res = await get('hostile-content', `${base}/Patient/does-not-exist`);
    expect(res.status).toBe(404);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
