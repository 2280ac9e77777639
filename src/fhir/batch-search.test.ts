import { http, HttpResponse } from 'msw';
import type { Bundle, BundleEntry, OperationOutcome, Resource } from 'fhir/r4';
import { describe, expect, it, vi } from 'vitest';
import { server } from '../testing/server';
import { FhirError } from './errors';
import { searchEach } from './search-each';
import { createFhirTransport } from './transport';

const BASE = 'https://fhir.example.nhs.uk/fhir';

const searchset = (ids: string[], next?: string): Bundle => ({
  resourceType: 'Bundle',
  type: 'searchset',
  ...(next ? { link: [{ relation: 'next', url: next }] } : {}),
  entry: ids.map((id) => ({ resource: { resourceType: 'Encounter', id } as Resource, search: { mode: 'match' } })),
});
const notFound: OperationOutcome = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found', diagnostics: 'Unknown resource type "Encounterz"' }] };

function transport() {
  const getHeaders = vi.fn(async () => ({ Authorization: 'Bearer t1' }));
  return createFhirTransport({ baseUrl: BASE, getHeaders });
}

/** A batch endpoint answering each GET entry with `answer(url)`; records the request Bundles. */
function batchEndpoint(answer: (url: string) => BundleEntry) {
  const received: Bundle[] = [];
  server.use(
    http.post(BASE, async ({ request }) => {
      expect(request.headers.get('content-type')).toBe('application/fhir+json');
      const bundle = (await request.json()) as Bundle;
      received.push(bundle);
      return HttpResponse.json({ resourceType: 'Bundle', type: 'batch-response', entry: bundle.entry?.map((e) => answer(e.request!.url)) });
    }),
  );
  return received;
}

/** Encounters e1, e2 on a first page linking to e3 on a second (`_offset=2`); any other search answered `otherwise`. */
const encountersOnTwoPages = (otherwise: BundleEntry) => (url: string): BundleEntry =>
  url === 'Encounter?patient=p1&_offset=2'
    ? { resource: searchset(['e3']), response: { status: '200 OK' } }
    : url.startsWith('Encounter')
      ? { resource: searchset(['e1', 'e2'], `${BASE}/Encounter?patient=p1&_offset=2`), response: { status: '200 OK' } }
      : otherwise;

describe('batchSearch', () => {
  it('POSTs one batch of relative GETs and follows paging inside an entry', async () => {
    const received = batchEndpoint(encountersOnTwoPages({ resource: { ...searchset([]), entry: [{ resource: { resourceType: 'Flag', id: 'f1' } as Resource }] } as Bundle, response: { status: '200' } }));
    const onPage = vi.fn();
    const results = await transport().batchSearch(['Encounter?patient=p1', 'Flag?patient=p1'], { onPage });

    expect(received[0]).toEqual({
      resourceType: 'Bundle',
      type: 'batch',
      entry: [{ request: { method: 'GET', url: 'Encounter?patient=p1' } }, { request: { method: 'GET', url: 'Flag?patient=p1' } }],
    });
    // The next page, too, goes as a batch at the base.
    expect(received[1]?.entry?.map((e) => e.request?.url)).toEqual(['Encounter?patient=p1&_offset=2']);
    expect(results).toMatchObject([
      { path: 'Encounter?patient=p1', ok: true, result: { pages: 2 } },
      { path: 'Flag?patient=p1', ok: true, result: { pages: 1 } },
    ]);
    const [encounters] = results;
    expect(encounters?.ok && encounters.result.resources.map((r) => r.id)).toEqual(['e1', 'e2', 'e3']);
    // The batch's answer (both first pages) is one report; the page after it another.
    expect(onPage.mock.calls).toEqual([[{ pages: 2, resources: 3 }], [{ pages: 3, resources: 4 }]]);
  });

  it('keeps the other entries when one fails, with that entry’s status and outcome', async () => {
    batchEndpoint((url) =>
      url.startsWith('Encounterz')
        ? { response: { status: '404 Not Found', outcome: notFound } }
        : { resource: searchset(['e1']), response: { status: '200 OK' } },
    );
    const [bad, good] = await transport().batchSearch(['Encounterz?patient=p1', 'Encounter?patient=p1']);
    expect(good).toMatchObject({ ok: true, result: { pages: 1 } });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'http', status: 404, outcome: notFound } });
    expect(!bad?.ok && bad?.error.reason).toBe('The server answered 404 Not Found: Unknown resource type "Encounterz"');
  });

  it('an entry whose next link leaves the base fails alone', async () => {
    batchEndpoint((url) => ({
      resource: searchset(['x'], url.startsWith('Flag') ? 'https://elsewhere.example/fhir/Flag?page=2' : undefined),
      response: { status: '200 OK' },
    }));
    const [flags, encounters] = await transport().batchSearch(['Flag?patient=p1', 'Encounter?patient=p1']);
    expect(flags).toMatchObject({ ok: false, error: { kind: 'bad-link' } });
    expect(encounters).toMatchObject({ ok: true });
  });

  it('gives each search’s first page as the batch is answered, before any later page is asked', async () => {
    const received = batchEndpoint(encountersOnTwoPages({ response: { status: '404 Not Found', outcome: notFound } }));
    const asked: number[] = [];
    const onFirstPages = vi.fn(() => asked.push(received.length));
    const results = await transport().batchSearch(['Encounter?patient=p1', 'Flagz?patient=p1'], { onFirstPages });

    expect(onFirstPages).toHaveBeenCalledTimes(1);
    // Called when only the batch itself had been received: the second page was asked after.
    expect(asked).toEqual([1]);
    expect(received).toHaveLength(2);
    const [pages] = onFirstPages.mock.calls[0] as unknown as [unknown[]];
    expect(pages).toEqual([
      { result: { resources: [{ resourceType: 'Encounter', id: 'e1' }, { resourceType: 'Encounter', id: 'e2' }], outcomes: [], pages: 1 }, complete: false },
      undefined,
    ]);
    // What the call resolves with is the whole answer, as without it.
    expect(results[0]?.ok && results[0].result.resources.map((r) => r.id)).toEqual(['e1', 'e2', 'e3']);
  });

  it('a failure in the early work on the first pages changes nothing of the answer', async () => {
    batchEndpoint(() => ({ resource: searchset(['e1']), response: { status: '200 OK' } }));
    const results = await transport().batchSearch(['Encounter?patient=p1'], {
      onFirstPages: () => {
        throw new Error('early work failed');
      },
    });
    expect(results).toMatchObject([{ ok: true, result: { pages: 1, resources: [{ id: 'e1' }] } }]);
  });

  it('throws when the server refuses batch, so the caller can search one by one', async () => {
    server.use(http.post(BASE, () => HttpResponse.json(notFound, { status: 405 })));
    const e = await transport().batchSearch(['Encounter?patient=p1']).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(FhirError);
    expect(e).toMatchObject({ kind: 'http', status: 405 });
  });
});

describe('searchEach', () => {
  it('falls back to parallel searches when batch is refused, each succeeding or failing alone', async () => {
    server.use(
      http.post(BASE, () => new HttpResponse(null, { status: 501 })),
      http.get(`${BASE}/Encounter`, () => HttpResponse.json(searchset(['e1']))),
      http.get(`${BASE}/Flag`, () => HttpResponse.json(notFound, { status: 500 })),
    );
    const results = await searchEach(transport(), ['Encounter?patient=p1', 'Flag?patient=p1']);
    expect(results).toMatchObject([
      { ok: true, result: { pages: 1 } },
      { ok: false, error: { kind: 'http', status: 500 } },
    ]);
  });

  it('does not fall back when the batch failed for a reason a search would share', async () => {
    server.use(http.post(BASE, () => HttpResponse.error()));
    await expect(searchEach(transport(), ['Encounter?patient=p1', 'Flag?patient=p1'])).rejects.toMatchObject({ kind: 'network' });
  });
});
