import { expect, it, vi } from 'vitest';
import { warmWithoutToken } from './warm';

it('pays a server’s preflight with the probe’s batch of GET metadata at its base: no token, no patient data, once per base', async () => {
  const sent: { url: string; method: string | undefined; headers: Record<string, string>; body: unknown }[] = [];
  const fetchFn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    sent.push({ url: String(input), method: init?.method, headers: Object.fromEntries(new Headers(init?.headers).entries()), body: init?.body });
    return new Response(JSON.stringify({ resourceType: 'Bundle', type: 'batch-response', entry: [{ response: { status: '200 OK' } }] }), {
      status: 200,
      headers: { 'content-type': 'application/fhir+json' },
    });
  });
  warmWithoutToken('https://fhir.gp-system.example/fhir/', { fetch: fetchFn as typeof fetch });
  warmWithoutToken('https://fhir.gp-system.example/fhir', { fetch: fetchFn as typeof fetch }); // the same base
  await vi.waitFor(() => expect(fetchFn).toHaveBeenCalled());
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(sent).toHaveLength(1);
  const [request] = sent;
  // The URL a later batch at the base is sent to, so the browser's cached preflight is that one's.
  expect(request?.url).toBe('https://fhir.gp-system.example/fhir');
  expect(request?.method).toBe('POST');
  expect(request?.headers).not.toHaveProperty('authorization');
  expect(request?.headers['content-type']).toBe('application/fhir+json');
  expect(JSON.parse(String(request?.body))).toEqual({ resourceType: 'Bundle', type: 'batch', entry: [{ request: { method: 'GET', url: 'metadata' } }] });
});
