import { QueryClient } from '@tanstack/react-query';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import type { FhirTransport } from '../../../fhir/types';
import { serviceAccess } from '../../../testing/governance';
import { server } from '../../../testing/server';
import { prefetchProbes, probeQuery, warmWithoutToken } from './probe-queries';
import { sourceKeys } from './source-keys';

/** A CapabilityStatement (FHIR R4) whose server interactions are these codes. */
const statement = (...codes: string[]) => ({ resourceType: 'CapabilityStatement', rest: [{ mode: 'server', interaction: codes.map((code) => ({ code })) }] });
function fakeTransport(capabilities: unknown) {
  const get = vi.fn(async () => capabilities);
  const probe = vi.fn(async () => ({ batch: true }));
  return { transport: { baseUrl: 'https://locator.example/fhir', get, probe } as unknown as FhirTransport, get, probe };
}
const LOCATOR = { id: 'locator', fhirBaseUrl: 'https://locator.example/fhir', timeoutMs: 2000 };

it('reads the capabilities first where asked, and sends no batch to a service that does not list batch (no refused request at every launch)', async () => {
  const { transport, get, probe } = fakeTransport(statement('search-system'));
  const answer = await new QueryClient().fetchQuery(probeQuery(LOCATOR, transport, { capabilitiesFirst: true }));
  expect(get).toHaveBeenCalledWith('metadata', expect.anything());
  expect(probe).not.toHaveBeenCalled();
  expect(answer).toEqual({ batch: false, statement: statement('search-system') });
});

it('sends the batch probe (which pays its preflight) where the capabilities list batch, and straight away where not asked to read them first', async () => {
  const listed = fakeTransport(statement('batch'));
  expect(await new QueryClient().fetchQuery(probeQuery(LOCATOR, listed.transport, { capabilitiesFirst: true }))).toEqual({ batch: true });
  expect(listed.get).toHaveBeenCalledTimes(1);
  expect(listed.probe).toHaveBeenCalledTimes(1);
  const plain = fakeTransport(statement());
  expect(await new QueryClient().fetchQuery(probeQuery(LOCATOR, plain.transport))).toEqual({ batch: true });
  expect(plain.get).not.toHaveBeenCalled();
});

it('warms a late organisation with the probe at its base, carrying no token and no patient data', async () => {
  const sent: { url: string; method: string | undefined; headers: Record<string, string>; body: unknown }[] = [];
  const fetchFn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    sent.push({ url: String(input), method: init?.method, headers: Object.fromEntries(new Headers(init?.headers).entries()), body: init?.body });
    return new Response(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login' }] }), { status: 401, headers: { 'content-type': 'application/fhir+json' } });
  });
  warmWithoutToken({ id: 'ouse-community', fhirBaseUrl: 'https://ouse-community.example/fhir/', timeoutMs: 2000 }, fetchFn as typeof fetch);
  await vi.waitFor(() => expect(fetchFn).toHaveBeenCalled());
  await new Promise((resolve) => setTimeout(resolve, 0)); // the refusal is swallowed, not thrown
  expect(sent).toHaveLength(1);
  const [request] = sent;
  expect(request?.url).toBe('https://ouse-community.example/fhir');
  expect(request?.method).toBe('POST');
  expect(request?.headers).not.toHaveProperty('authorization');
  expect(request?.headers).toMatchObject({ 'x-request-id': 'probe', 'x-purpose-of-use': 'TREAT' });
  expect(JSON.parse(String(request?.body))).toEqual({ resourceType: 'Bundle', type: 'batch', entry: [{ request: { method: 'GET', url: 'metadata' } }] });
});

/** A server's answer to the token-less probe: its batch-response with its CapabilityStatement, or a 401. */
function answeringFetch(status: 200 | 401 | 403) {
  return vi.fn(async (_input: RequestInfo | URL, init?: RequestInit) =>
    status === 200
      ? new Response(JSON.stringify({ resourceType: 'Bundle', type: 'batch-response', entry: [{ response: { status: '200 OK' }, resource: statement('batch', 'search-system') }] }), { status: 200, headers: { 'content-type': 'application/fhir+json' } })
      : // A gateway that refuses token-less POSTs, but answers `GET metadata` (public, as SMART discovery is).
        init?.method === 'GET'
        ? new Response(JSON.stringify(statement('search-system')), { status: 200, headers: { 'content-type': 'application/fhir+json' } })
        : new Response(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: status === 401 ? 'login' : 'forbidden' }] }), { status, headers: { 'content-type': 'application/fhir+json' } }),
  );
}

it('takes the token-less probe’s answer, where the server gave one, instead of asking the same question again with the token', async () => {
  const endpoint = { id: 'eastern-ambulance', fhirBaseUrl: 'https://ambulance.example/fhir', timeoutMs: 2000 };
  const fetchFn = answeringFetch(200);
  warmWithoutToken(endpoint, fetchFn as typeof fetch);
  const authorised = fakeTransport(statement());
  const answer = await new QueryClient().fetchQuery(probeQuery(endpoint, authorised.transport));
  expect(answer).toEqual({ batch: true, statement: statement('batch', 'search-system') });
  expect(fetchFn).toHaveBeenCalledTimes(1);
  expect(authorised.probe).not.toHaveBeenCalled();
  expect(authorised.get).not.toHaveBeenCalled();
});

it.each([401, 403] as const)('asks again, with the token, a server that refused the token-less probe (%i): its refusal says nothing of batch', async (status) => {
  const endpoint = { id: `gp-${status}`, fhirBaseUrl: `https://gp-${status}.example/fhir`, timeoutMs: 2000 };
  warmWithoutToken(endpoint, answeringFetch(status) as typeof fetch);
  const authorised = fakeTransport(statement());
  expect(await new QueryClient().fetchQuery(probeQuery(endpoint, authorised.transport))).toEqual({ batch: true });
  expect(authorised.probe).toHaveBeenCalledTimes(1);
});

describe('the record locator’s search URL, warmed before the decision (warmSearch)', () => {
  const base = 'https://locator.region.example/fhir';
  const locator = { id: 'record-locator', fhirBaseUrl: base, timeoutMs: 2000 };

  async function prefetchWith(statementOfServer: ReturnType<typeof statement>) {
    const searches: { method: string; body: string; purpose: string | null }[] = [];
    server.use(
      http.get(`${base}/metadata`, () => HttpResponse.json(statementOfServer)),
      http.post(`${base}/DocumentReference/_search`, async ({ request }) => {
        searches.push({ method: request.method, body: await request.text(), purpose: request.headers.get('x-purpose-of-use') });
        return HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid' }] }, { status: 400 });
      }),
      http.post(base, () => HttpResponse.json({ resourceType: 'Bundle', type: 'batch-response', entry: [{ response: { status: '200 OK' }, resource: statementOfServer }] })),
    );
    const client = new QueryClient();
    prefetchProbes(client, [locator], new Map([[locator.id, serviceAccess(locator.id, base)]]), { capabilitiesFirst: true, warmSearch: 'DocumentReference' });
    await vi.waitFor(() => expect(client.getQueryData(sourceKeys.probe(locator.id))).toBeDefined());
    await new Promise((resolve) => setTimeout(resolve, 50));
    return searches;
  }

  it('a locator without batch is sent a _search that asks for nothing about anyone, with the headers its later search carries', async () => {
    expect(await prefetchWith(statement('search-system'))).toEqual([{ method: 'POST', body: '_id=no-such-resource', purpose: 'TREAT' }]);
  });

  it('a locator that takes batch is not: its search goes as a batch to the base the probe warmed', async () => {
    expect(await prefetchWith(statement('batch'))).toEqual([]);
  });
});
