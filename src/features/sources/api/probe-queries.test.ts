import { QueryClient } from '@tanstack/react-query';
import { expect, it, vi } from 'vitest';
import type { FhirTransport } from '../../../fhir/types';
import { probeQuery, warmWithoutToken } from './probe-queries';

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
