import { beforeAll, describe, expect, it } from 'vitest';
import type { Bundle, CapabilityStatement, OperationOutcome, Patient } from 'fhir/r4';
import { generateWorld } from '../../data/world';
import type { AccessTokenVerifier } from '../auth/verify';
import { endpointById, sandboxTopology } from '../topology';
import { createFhirEngine, type FhirEngine } from './engine';
import { createFhirHandler } from './handler';

const topology = sandboxTopology(47000);
const endpoint = endpointById(topology, 'riverside-gp');
const world = generateWorld();
const base = endpoint.baseUrl;
let engine: FhirEngine;
let open: (req: Request) => Promise<Response>;

beforeAll(async () => {
  engine = await createFhirEngine(world.byEndpoint[endpoint.id] ?? []);
  open = createFhirHandler({ endpoint, topology, engine });
});

const claims = { sub: 'gp-amelia-hart', aud: base, scope: 'user/*.rs', iss: topology.authIssuer, client_id: 'x', exp: 0, iat: 0 };
/** Accepts only the token "good", and only for this endpoint's audience. */
const fakeVerify: AccessTokenVerifier = async (token, audience) => {
  if (!token) return { ok: false, reason: 'missing bearer token' };
  if (token !== 'good') return { ok: false, reason: 'invalid token' };
  if (audience !== base) return { ok: false, reason: 'token issued for another endpoint' };
  return { ok: true, claims };
};
const get = (handle: (r: Request) => Promise<Response>, path: string, headers: Record<string, string> = {}) => handle(new Request(`${base}${path}`, { headers }));
const json = async <T>(res: Response) => (await res.json()) as T;

describe('FHIR endpoint handler', () => {
  it('serves a CapabilityStatement without a token', async () => {
    const res = await get(createFhirHandler({ endpoint, topology, engine, verify: fakeVerify }), '/metadata');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/fhir+json');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const cs = await json<CapabilityStatement>(res);
    expect(cs.fhirVersion).toBe('4.0.1');
    const rest = cs.rest?.[0];
    expect(rest?.security?.service?.[0]?.coding?.[0]?.code).toBe('SMART-on-FHIR');
    const oauth = rest?.security?.extension?.[0]?.extension ?? [];
    expect(oauth.find((e) => e.url === 'token')?.valueUri).toMatch(new RegExp(`^${topology.authIssuer}/`));
    expect(oauth.find((e) => e.url === 'authorize')?.valueUri).toMatch(new RegExp(`^${topology.authIssuer}/`));
    const encounter = rest?.resource?.find((r) => r.type === 'Encounter');
    expect(encounter?.interaction?.map((i) => i.code)).toEqual(['read', 'search-type']);
    expect(encounter?.searchParam?.some((p) => p.name === 'patient')).toBe(true);
    expect(rest?.interaction?.map((i) => i.code)).toContain('batch');
  });

  it('serves the SMART configuration without a token', async () => {
    const res = await get(createFhirHandler({ endpoint, topology, engine, verify: fakeVerify }), '/.well-known/smart-configuration');
    expect(res.status).toBe(200);
    const body = await json<Record<string, unknown>>(res);
    expect(body.issuer).toBe(topology.authIssuer);
    expect(body.code_challenge_methods_supported).toEqual(['S256']);
  });

  it("finds a person by NHS number under this endpoint's own Patient.id", async () => {
    const person = world.people[0];
    if (!person) throw new Error('no people');
    const res = await get(open, `/Patient?identifier=${encodeURIComponent(`https://fhir.nhs.uk/Id/nhs-number|${person.nhsNumber}`)}`);
    const b = await json<Bundle>(res);
    expect(b.total).toBe(1);
    const p = b.entry?.[0]?.resource as Patient;
    expect(p.id).toBe(person.patientIds[endpoint.id]);
    expect(b.entry?.[0]?.fullUrl).toBe(`${base}/Patient/${p.id}`);
  });

  it('pages through the large record: every encounter exactly once, next links absolute on the base', async () => {
    const person = world.people.find((p) => p.key === world.cases.largeRecord);
    const id = person?.patientIds[endpoint.id] ?? '';
    const expected = (world.byEndpoint[endpoint.id] ?? []).filter((r) => r.resourceType === 'Encounter' && r.subject?.reference === `Patient/${id}`).map((r) => r.id);
    expect(expected.length).toBeGreaterThan(1000);
    const seen: string[] = [];
    let next: string | undefined = `${base}/Encounter?patient=${id}&_count=500`;
    let pages = 0;
    while (next) {
      expect(next.startsWith(`${base}/Encounter?`)).toBe(true);
      const b: Bundle = await json<Bundle>(await open(new Request(next)));
      expect(b.total).toBe(expected.length);
      seen.push(...(b.entry ?? []).map((e) => e.resource?.id ?? ''));
      next = b.link?.find((l) => l.relation === 'next')?.url;
      pages++;
    }
    expect(pages).toBe(Math.ceil(expected.length / 500));
    expect(seen).toHaveLength(expected.length);
    expect(new Set(seen)).toEqual(new Set(expected));
  });

  it('refuses requests without an accepted token: 401, OperationOutcome, WWW-Authenticate', async () => {
    const guarded = createFhirHandler({ endpoint, topology, engine, verify: fakeVerify });
    const none = await get(guarded, '/Patient');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer /);
    const oo = await json<OperationOutcome>(none);
    expect(oo.issue?.[0]?.code).toBe('login');
    expect(oo.issue?.[0]?.diagnostics).toBe('missing bearer token');
    const bad = await get(guarded, '/Patient', { authorization: 'Bearer nope' });
    expect(bad.status).toBe(401);
    expect((await json<OperationOutcome>(bad)).issue?.[0]?.diagnostics).toBe('invalid token');
    const ok = await get(guarded, '/Patient?_count=1', { authorization: 'Bearer good' });
    expect(ok.status).toBe(200);
  });

  it('answers a batch of nothing but `GET metadata` without a token, as `GET metadata`; any other batch needs one', async () => {
    const guarded = createFhirHandler({ endpoint, topology, engine, verify: fakeVerify });
    const post = (entry: unknown[], headers: Record<string, string> = {}) =>
      guarded(new Request(base, { method: 'POST', headers: { 'content-type': 'application/fhir+json', ...headers }, body: JSON.stringify({ resourceType: 'Bundle', type: 'batch', entry }) }));
    const metadata = { request: { method: 'GET', url: 'metadata' } };
    const open = await post([metadata]);
    expect(open.status).toBe(200);
    expect((await json<Bundle>(open)).entry?.map((e) => [e.response?.status, e.resource?.resourceType])).toEqual([['200 OK', 'CapabilityStatement']]);
    expect((await post([metadata, { request: { method: 'GET', url: 'Patient?_count=1' } }])).status).toBe(401);
    expect((await post([])).status).toBe(401);
    expect((await post([metadata], { authorization: 'Bearer nope' })).status).toBe(401);
  });

  it("passes the verifier's reason through when the token is for another endpoint", async () => {
    const other = endpointById(topology, 'ouse-valley-acute');
    const guarded = createFhirHandler({ endpoint: other, topology, engine, verify: fakeVerify });
    const res = await guarded(new Request(`${other.baseUrl}/Patient`, { headers: { authorization: 'Bearer good' } }));
    expect(res.status).toBe(401);
    expect((await json<OperationOutcome>(res)).issue?.[0]?.diagnostics).toBe('token issued for another endpoint');
  });

  it("allows CORS for the app's origin only, and answers preflights", async () => {
    const fromApp = await get(open, '/metadata', { origin: topology.appOrigin });
    expect(fromApp.headers.get('access-control-allow-origin')).toBe(topology.appOrigin);
    expect(fromApp.headers.get('vary')).toContain('Origin');
    const fromElsewhere = await get(open, '/metadata', { origin: 'http://evil.example' });
    expect(fromElsewhere.headers.get('access-control-allow-origin')).toBeNull();
    expect([...fromElsewhere.headers.keys()].filter((k) => k.startsWith('access-control-'))).toEqual([]);
    const pre = await open(new Request(`${base}/Patient`, { method: 'OPTIONS', headers: { origin: topology.appOrigin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } }));
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    expect(pre.headers.get('access-control-allow-methods')).toMatch(/GET/);
    const preElsewhere = await open(new Request(`${base}/Patient`, { method: 'OPTIONS', headers: { origin: 'http://evil.example' } }));
    expect(preElsewhere.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses writes with 405', async () => {
    const guarded = createFhirHandler({ endpoint, topology, engine, verify: fakeVerify });
    const auth = { authorization: 'Bearer good', 'content-type': 'application/fhir+json' };
    const body = JSON.stringify({ resourceType: 'Patient' });
    for (const [method, path] of [['POST', '/Patient'], ['PUT', '/Patient/x'], ['PATCH', '/Patient/x'], ['DELETE', '/Patient/x']] as const) {
      const res = await guarded(new Request(`${base}${path}`, { method, headers: auth, body: method === 'DELETE' ? undefined : body }));
      expect(res.status, method).toBe(405);
      expect((await json<OperationOutcome>(res)).resourceType).toBe('OperationOutcome');
    }
  });

  it('runs a batch of searches and reads, refusing writes inside it', async () => {
    const person = world.people[0];
    const id = person?.patientIds[endpoint.id] ?? '';
    const batch: Bundle = {
      resourceType: 'Bundle',
      type: 'batch',
      entry: [
        { request: { method: 'GET', url: `MedicationRequest?patient=${id}&status=active` } },
        { request: { method: 'GET', url: `${base}/Patient/${id}` } },
        { request: { method: 'GET', url: 'Patient/does-not-exist' } },
        { request: { method: 'DELETE', url: `Patient/${id}` } },
      ],
    };
    const res = await open(new Request(base, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(batch) }));
    expect(res.status).toBe(200);
    const out = await json<Bundle>(res);
    expect(out.type).toBe('batch-response');
    expect(out.entry?.map((e) => e.response?.status)).toEqual(['200 OK', '200 OK', '404 Not Found', '405 Method Not Allowed']);
    const meds = out.entry?.[0]?.resource as Bundle;
    expect(meds.total).toBeGreaterThan(0);
    expect(meds.entry?.every((e) => (e.resource as { status?: string }).status === 'active')).toBe(true);
    expect((out.entry?.[1]?.resource as Patient).id).toBe(id);
    const transaction = await open(new Request(base, { method: 'POST', body: JSON.stringify({ ...batch, type: 'transaction' }) }));
    expect(transaction.status).toBe(400);
  });

  it('answers `GET metadata` inside a batch with the CapabilityStatement, as at the base', async () => {
    const batch: Bundle = { resourceType: 'Bundle', type: 'batch', entry: [{ request: { method: 'GET', url: 'metadata' } }] };
    const out = await json<Bundle>(await open(new Request(base, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(batch) })));
    expect(out.entry?.map((e) => [e.response?.status, e.resource?.resourceType])).toEqual([['200 OK', 'CapabilityStatement']]);
    expect((out.entry?.[0]?.resource as CapabilityStatement).rest?.[0]?.resource?.some((r) => r.type === 'Encounter')).toBe(true);
  });

  it('answers unknown types with 404 and bad searches with 400', async () => {
    expect((await get(open, '/Unicorn')).status).toBe(404);
    expect((await get(open, '/Patient/not-here')).status).toBe(404);
    expect((await get(open, '/Patient?favourite-colour=blue')).status).toBe(400);
    expect((await open(new Request('http://localhost:47030/elsewhere'))).status).toBe(404);
  });
});
