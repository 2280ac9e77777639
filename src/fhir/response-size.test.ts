import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../testing/server';
import { FhirError } from './errors';
import { createByteBudget, MAX_RESPONSE_BYTES, MAX_SOURCE_BYTES, type ByteBudget } from './request';
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
    expect(e.reason).toMatch(/^The server’s answer could not be read: it is larger than \d+ (MB|KB)$/);
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

describe('cumulative limit per source, across pages', () => {
  const page = (n: number, last: number, padding: number) =>
    JSON.stringify({
      resourceType: 'Bundle',
      type: 'searchset',
      entry: [{ resource: { resourceType: 'Encounter', id: `e${n}`, meta: { tag: [{ code: 'x'.repeat(padding) }] } } }],
      link: n < last ? [{ relation: 'next', url: `${BASE}/Encounter?page=${n + 1}` }] : [],
    });
  const pagedServer = (last: number, padding: number) => {
    const asked: number[] = [];
    server.use(
      http.get(`${BASE}/Encounter`, ({ request }) => {
        const n = Number(new URL(request.url).searchParams.get('page') ?? '1');
        asked.push(n);
        return new HttpResponse(page(n, last, padding), { headers: { 'content-type': 'application/fhir+json' } });
      }),
    );
    return asked;
  };
  const budgeted = (budget: ByteBudget) =>
    createFhirTransport({ baseUrl: BASE, getHeaders: async () => ({ Authorization: 'Bearer t' }), maxResponseBytes: 20_000, budget });

  it('reads every page while the total stays under the budget', async () => {
    pagedServer(5, 5_000);
    const result = await budgeted(createByteBudget(40_000)).searchAll('Encounter');
    expect(result.resources.map((r) => r.id)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
  });

  it('stops with a plain reason once pages that are each under the per-answer limit add up past the budget', async () => {
    // Five pages of about 5 KB, each well under the 20 KB per-answer limit, 25 KB in all against a 12 KB budget.
    const asked = pagedServer(5, 5_000);
    const e = await failure(budgeted(createByteBudget(12_000)).searchAll('Encounter'));
    expect(e.kind).toBe('unreadable');
    expect(e.reason).toMatch(/^The server’s answer could not be read: this organisation sent more than 12 KB in all across its pages, so the rest was not read$/);
    expect(asked).toEqual([1, 2, 3]);
  });

  it('counts every search of one retrieval against the same budget', async () => {
    pagedServer(1, 5_000);
    const budget = createByteBudget(12_000);
    const t = budgeted(budget);
    await t.searchAll('Encounter');
    await t.searchAll('Encounter');
    await expect(t.searchAll('Encounter')).rejects.toMatchObject({ kind: 'unreadable' });
    // A new retrieval starts from nothing.
    await expect(budgeted(createByteBudget(12_000)).searchAll('Encounter')).resolves.toMatchObject({ pages: 1 });
  });

  it('bounds a source at far less than 64 MiB × 200 pages by default', () => {
    expect(MAX_SOURCE_BYTES).toBeGreaterThanOrEqual(MAX_RESPONSE_BYTES);
    expect(MAX_SOURCE_BYTES).toBeLessThan(MAX_RESPONSE_BYTES * 200);
  });
});
