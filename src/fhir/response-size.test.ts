import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../testing/server';
import { FhirError } from './errors';
import { MAX_RESPONSE_BYTES } from './request';
import { createFhirTransport } from './transport';

/**
 * A server's answer is read only up to a limit: a huge or endless body (a bug, or hostile)
 * becomes an unreadable source with a plain reason instead of exhausting the tab's memory.
 */
const BASE = 'https://fhir.example.nhs.uk/fhir';
const transport = (maxResponseBytes?: number) =>
  createFhirTransport({ baseUrl: BASE, getHeaders: async () => ({ Authorization: 'Bearer t' }), ...(maxResponseBytes ? { maxResponseBytes } : {}) });
const bundle = (padding: number) => JSON.stringify({ resourceType: 'Bundle', type: 'searchset', entry: [], meta: { tag: [{ code: 'x'.repeat(padding) }] } });

async function failure(p: Promise<unknown>): Promise<FhirError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(FhirError);
  return e as FhirError;
}

describe('response size limit', () => {
  it('reads an answer under the limit as usual', async () => {
    server.use(http.get(`${BASE}/Encounter`, () => new HttpResponse(bundle(10_000), { headers: { 'content-type': 'application/fhir+json' } })));
    await expect(transport(20_000).searchAll('Encounter')).resolves.toMatchObject({ resources: [], pages: 1 });
  });

  it('refuses an answer whose declared length is over the limit, without reading it', async () => {
    server.use(http.get(`${BASE}/Encounter`, () => new HttpResponse(bundle(30_000), { headers: { 'content-type': 'application/fhir+json', 'content-length': '30100' } })));
    const e = await failure(transport(20_000).searchAll('Encounter'));
    expect(e.kind).toBe('unreadable');
    expect(e.reason).toMatch(/^The server’s answer could not be read: it is larger than \d+ MB$/);
  });

  it('stops reading a streamed answer (no length given) once it passes the limit', async () => {
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        controller.enqueue(new TextEncoder().encode(sent === 1 ? '{"resourceType":"Bundle","type":"searchset","entry":[' : `{"resource":{"resourceType":"Basic","id":"${sent}"}},`));
        if (sent > 100_000) controller.close();
      },
    });
    server.use(http.get(`${BASE}/Encounter`, () => new HttpResponse(endless, { headers: { 'content-type': 'application/fhir+json' } })));
    const e = await failure(transport(4_096).searchAll('Encounter'));
    expect(e.reason).toMatch(/larger than/);
    expect(sent).toBeLessThan(1_000);
  });

  it('allows a 20 MB page by default', () => {
    expect(MAX_RESPONSE_BYTES).toBeGreaterThan(20 * 1024 * 1024);
  });
});
