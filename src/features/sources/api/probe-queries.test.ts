import { expect, it, vi } from 'vitest';
import { warmWithoutToken } from './probe-queries';

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
