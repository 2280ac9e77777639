/**
 * The app's FHIR transport against the real sandbox servers (oidc-provider issuing
 * audience-bound JWTs, FHIR endpoints checking them): paging, batch, and the protocol
 * promises — a token is accepted only by the endpoint it was issued for (RFC 8707,
 * RFC 9068), and a refused token is a 401 with an OperationOutcome (RFC 6750 §3.1).
 */
import type { Patient } from 'fhir/r4';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createFhirTransport } from '../../../src/fhir/transport';
import { FhirError } from '../../../src/fhir/errors';
import { AUTH_ROUTES } from '../auth/routes';
import { claimsOf } from '../auth/testing';
import { SignedInBrowser, startIntegrationSandbox, type IntegrationSandbox } from './sandbox-endpoints';

const GP = 'riverside-gp'; // the GP host's endpoint: the launch's iss (endpoint A)
const MH = 'fenland-mh'; // another organisation's endpoint (endpoint B)
const NHS_NUMBER = 'https://fhir.nhs.uk/Id/nhs-number';

let sandbox: IntegrationSandbox;
let launchToken: string;
let mhToken: Record<string, unknown>;

beforeAll(async () => {
  sandbox = await startIntegrationSandbox([GP, MH, 'ouse-community']);
  const person = sandbox.world.people.find((p) => p.key === sandbox.world.cases.largeRecord)!;
  const browser = new SignedInBrowser(sandbox);
  launchToken = String((await browser.launch(person.patientIds[GP]!)).access_token);
  mhToken = await browser.silentSignIn(sandbox.endpoint(MH).baseUrl);
}, 60_000);
afterAll(() => sandbox?.close());

const bearer = (token: string) => vi.fn(async (_url: string): Promise<Record<string, string>> => ({ Authorization: `Bearer ${token}` }));

/** The large-record person's encounters at each endpoint that knows them. */
function largeRecord() {
  const person = sandbox.world.people.find((p) => p.key === sandbox.world.cases.largeRecord)!;
  const encountersAt = (endpointId: string) =>
    (sandbox.world.byEndpoint[endpointId] ?? []).filter(
      (r) => r.resourceType === 'Encounter' && r.subject?.reference === `Patient/${person.patientIds[endpointId]}`,
    );
  const counts = Object.keys(person.patientIds).map((id) => [id, encountersAt(id).length] as const);
  const most = counts.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  return { most, patientId: person.patientIds[GP]!, encounters: encountersAt(GP) };
}

describe('createFhirTransport against a real sandbox endpoint', () => {
  it('finds a person’s Patient by NHS number', async () => {
    const person = sandbox.world.people.find((p) => p.patientIds[GP] !== undefined)!;
    const t = createFhirTransport({ baseUrl: sandbox.endpoint(GP).baseUrl, getHeaders: bearer(launchToken) });
    const result = await t.searchAll(`Patient?identifier=${encodeURIComponent(`${NHS_NUMBER}|${person.nhsNumber}`)}`);
    expect(result.resources.map((r) => r.id)).toEqual([person.patientIds[GP]]);
    expect((result.resources[0] as Patient).identifier).toContainEqual(expect.objectContaining({ system: NHS_NUMBER, value: person.nhsNumber }));
  });

  it('reads every encounter of the largest record exactly once, over several pages of 200', async () => {
    const { most, patientId, encounters } = largeRecord();
    expect(most).toBe(GP); // the endpoint with the most encounters for this person
    expect(encounters.length).toBeGreaterThan(1000);
    const getHeaders = bearer(launchToken);
    const t = createFhirTransport({ baseUrl: sandbox.endpoint(GP).baseUrl, getHeaders });
    const onPage = vi.fn();
    const result = await t.searchAll(`Encounter?patient=${patientId}&_count=200`, { onPage });
    const ids = result.resources.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(encounters.map((e) => e.id).sort());
    expect(result.resources.every((r) => r.resourceType === 'Encounter')).toBe(true);
    expect(result.pages).toBe(Math.ceil(encounters.length / 200));
    expect(onPage).toHaveBeenLastCalledWith({ pages: result.pages, resources: encounters.length });
    expect(getHeaders.mock.calls.every(([url]) => url.startsWith(`${sandbox.endpoint(GP).baseUrl}/Encounter?`))).toBe(true);
  });

  it('runs a batch of searches, following paging inside an entry and keeping a failed entry apart', async () => {
    const { patientId, encounters } = largeRecord();
    const t = createFhirTransport({ baseUrl: sandbox.endpoint(GP).baseUrl, getHeaders: bearer(launchToken) });
    const [enc, pat, bad] = await t.batchSearch([
      `Encounter?patient=${patientId}&_count=500`,
      `Patient?_id=${patientId}`,
      `NotAType?patient=${patientId}`,
    ]);
    expect(enc).toMatchObject({ ok: true, result: { pages: Math.ceil(encounters.length / 500) } });
    expect(enc?.ok && enc.result.resources.length).toBe(encounters.length);
    expect(pat?.ok && pat.result.resources.map((r) => r.id)).toEqual([patientId]);
    expect(bad).toMatchObject({ ok: false, error: { kind: 'http', status: 404, outcome: { resourceType: 'OperationOutcome' } } });
  });

  it('asks every page after the first in one batch: the sandbox’s own links page by _offset over Bundle.total', async () => {
    const { patientId, encounters } = largeRecord();
    const base = sandbox.endpoint(GP).baseUrl;
    const asked: string[][] = [];
    const recording: typeof fetch = async (input, init) => {
      const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as { entry?: { request: { url: string } }[] }) : undefined;
      asked.push(body?.entry?.map((e) => e.request.url) ?? [`GET ${String(input)}`]);
      return fetch(input, init);
    };
    const t = createFhirTransport({ baseUrl: base, getHeaders: bearer(launchToken), fetch: recording });
    const [enc] = await t.batchSearch([`Encounter?patient=${patientId}&_count=1000`]);
    const ids = enc?.ok ? enc.result.resources.map((r) => r.id) : [];
    expect(new Set(ids).size).toBe(encounters.length);
    expect(ids.sort()).toEqual(encounters.map((e) => e.id).sort());
    // The sandbox caps _count at 500: the first batch, then the other pages together.
    const offsets = Array.from({ length: Math.ceil(encounters.length / 500) - 1 }, (_, i) => 500 * (i + 1));
    expect(asked).toEqual([
      [`Encounter?patient=${patientId}&_count=1000`],
      offsets.map((o) => `Encounter?patient=Patient%2F${patientId}&_count=500&_offset=${o}`),
    ]);
  });

  it('gets a token for another endpoint silently through single sign-on, bound to that endpoint', async () => {
    const mh = sandbox.endpoint(MH);
    expect(claimsOf(mhToken.access_token)).toMatchObject({ aud: mh.baseUrl });
    const t = createFhirTransport({ baseUrl: mh.baseUrl, getHeaders: bearer(String(mhToken.access_token)) });
    await expect(t.get(`metadata`)).resolves.toMatchObject({ resourceType: 'CapabilityStatement' });
    await expect(t.searchAll('Encounter?_count=1&_summary=count')).resolves.toMatchObject({ pages: 1 });
  });

  it('renews that token with its refresh token, as oidc-client-ts sends the request', async () => {
    const t = sandbox.topology;
    const response = await fetch(`${t.authIssuer}${AUTH_ROUTES.token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: t.appOrigin },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: String(mhToken.refresh_token),
        scope: String(mhToken.scope),
        client_id: t.clientId,
      }),
    });
    const body = (await response.json()) as Record<string, unknown>;
    expect(response.status).toBe(200);
    expect(claimsOf(body.access_token)).toMatchObject({ aud: sandbox.endpoint(MH).baseUrl });
  });
});

describe('protocol: a token is good only at the endpoint it was issued for', () => {
  it('endpoint A’s token at endpoint B: a real 401 with an OperationOutcome, "unauthorized" after one re-authorisation', async () => {
    const onUnauthorized = vi.fn(async () => {});
    const t = createFhirTransport({ baseUrl: sandbox.endpoint(MH).baseUrl, getHeaders: bearer(launchToken), onUnauthorized });
    const error = await t.searchAll('Patient?_count=1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FhirError);
    expect(error).toMatchObject({ kind: 'unauthorized', status: 401, outcome: { resourceType: 'OperationOutcome' } });
    expect((error as FhirError).reason).toMatch(/another endpoint/);
    expect((error as FhirError).reason).not.toContain(launchToken);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('no token: 401', async () => {
    const t = createFhirTransport({ baseUrl: sandbox.endpoint(GP).baseUrl, getHeaders: async () => ({}) });
    await expect(t.get('Encounter?_count=1')).rejects.toMatchObject({ kind: 'unauthorized', status: 401 });
  });
});
