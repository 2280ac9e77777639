/**
 * The rest of a search's pages in one round (offset-pages.ts, docs/adr/0007): planned only
 * from a server's own links that show offset paging (self and next differ only in
 * `_offset`, by the matches on the page; Bundle.total given), proved by the pages read
 * back, and otherwise the links are followed as FHIR R4 http.html#paging says.
 */
import { delay, http, HttpResponse } from 'msw';
import fc from 'fast-check';
import type { Bundle, BundleEntry, Resource } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { server } from '../testing/server';
import { checkOffsetPages, planOffsetPages } from './offset-pages';
import { createByteBudget } from './request';
import { createFhirTransport } from './transport';

const BASE = 'https://fhir.example.nhs.uk/fhir';

const match = (id: string, type = 'Encounter'): BundleEntry => ({ resource: { resourceType: type, id } as Resource, search: { mode: 'match' } });
const include = (id: string): BundleEntry => ({ resource: { resourceType: 'Practitioner', id } as Resource, search: { mode: 'include' } });
function page(entry: BundleEntry[], links: Record<string, string>, total?: number): Bundle {
  return {
    resourceType: 'Bundle', type: 'searchset', ...(total === undefined ? {} : { total }),
    link: Object.entries(links).map(([relation, url]) => ({ relation, url })), entry,
  };
}

describe('planOffsetPages', () => {
  const first = `${BASE}/Encounter?patient=p1&_count=1000`;
  // As medplum (and the sandbox) write a first page of 3 of 8 matches, _count capped at 3.
  const medplumFirst = page(
    [match('e1'), match('e2'), match('e3'), include('pr1')],
    { self: `${BASE}/Encounter?patient=p1&_count=3&_offset=0`, next: `${BASE}/Encounter?patient=p1&_count=3&_offset=3` },
    8,
  );

  it('writes every page after the first from the server’s own next link, only `_offset` changed', () => {
    expect(planOffsetPages(first, medplumFirst, BASE)).toEqual({
      total: 8,
      step: 3,
      offsets: [3, 6],
      urls: [`${BASE}/Encounter?patient=p1&_count=3&_offset=3`, `${BASE}/Encounter?patient=p1&_count=3&_offset=6`],
    });
  });

  it('keeps the server’s own spelling of every other parameter', () => {
    const links = {
      self: `${BASE}/Encounter?patient.identifier=https%3A%2F%2Ffhir.nhs.uk%2FId%2Fnhs-number%7C9990011003&_offset=0&_count=2`,
      next: `${BASE}/Encounter?patient.identifier=https%3A%2F%2Ffhir.nhs.uk%2FId%2Fnhs-number%7C9990011003&_offset=2&_count=2`,
    };
    expect(planOffsetPages(first, page([match('a'), match('b')], links, 5), BASE)?.urls).toEqual([
      links.next,
      `${BASE}/Encounter?patient.identifier=https%3A%2F%2Ffhir.nhs.uk%2FId%2Fnhs-number%7C9990011003&_offset=4&_count=2`,
    ]);
  });

  it.each([
    ['no total (R4 Bundle.total is optional)', { ...medplumFirst, total: undefined }],
    ['no self link', page(medplumFirst.entry!, { next: `${BASE}/Encounter?patient=p1&_count=3&_offset=3` }, 8)],
    ['another parameter differs too', page(medplumFirst.entry!, { self: `${BASE}/Encounter?patient=p1&_count=3&_offset=0`, next: `${BASE}/Encounter?patient=p1&_count=4&_offset=3` }, 8)],
    ['parameters in another order', page(medplumFirst.entry!, { self: `${BASE}/Encounter?_count=3&patient=p1&_offset=0`, next: `${BASE}/Encounter?patient=p1&_count=3&_offset=3` }, 8)],
    ['another path', page(medplumFirst.entry!, { self: `${BASE}/Encounter?patient=p1&_count=3&_offset=0`, next: `${BASE}/Observation?patient=p1&_count=3&_offset=3` }, 8)],
    ['a page number, not an offset', page(medplumFirst.entry!, { self: `${BASE}/Encounter?patient=p1&page=1`, next: `${BASE}/Encounter?patient=p1&page=2` }, 8)],
    ['HAPI’s paging id', page(medplumFirst.entry!, { self: `${BASE}?_getpages=abc&_getpagesoffset=0&_count=3`, next: `${BASE}?_getpages=abc&_getpagesoffset=3&_count=3` }, 8)],
    ['the offset moves by more than the page holds', page(medplumFirst.entry!.slice(1), medplumFirst.link!.reduce((a, l) => ({ ...a, [l.relation]: l.url }), {}), 8)],
    ['an encoded `_offset`', page(medplumFirst.entry!, { self: `${BASE}/Encounter?patient=p1&%5Foffset=0`, next: `${BASE}/Encounter?patient=p1&%5Foffset=3` }, 8)],
    ['two `_offset`s', page(medplumFirst.entry!, { self: `${BASE}/Encounter?_offset=0&patient=p1&_offset=0`, next: `${BASE}/Encounter?_offset=0&patient=p1&_offset=3` }, 8)],
    ['a next link off the base', page(medplumFirst.entry!, { self: `${BASE}/Encounter?patient=p1&_offset=0`, next: `https://elsewhere.example/fhir/Encounter?patient=p1&_offset=3` }, 8)],
    ['a next link past the total', page(medplumFirst.entry!, { self: `${BASE}/Encounter?patient=p1&_offset=0`, next: `${BASE}/Encounter?patient=p1&_offset=3` }, 3)],
  ])('plans nothing (the links are followed) with %s', (_why, bundle) => {
    expect(planOffsetPages(first, bundle as Bundle, BASE)).toBeUndefined();
  });
});

describe('checkOffsetPages', () => {
  const url = (o: number) => `${BASE}/Encounter?patient=p1&_count=2&_offset=${o}`;
  const plan = { total: 5, step: 2, offsets: [2, 4], urls: [url(2), url(4)] };
  const first = page([match('a'), match('b')], { self: url(0), next: url(2) }, 5);

  it('accepts the server’s own sequence: each next is the page asked after it, the last has none, every match once', () => {
    expect(checkOffsetPages(first, plan, [page([match('c'), match('d')], { next: url(4) }, 5), page([match('e')], {}, 5)])).toBeUndefined();
  });

  it.each([
    ['a page whose next is not the next planned', [page([match('c'), match('d')], { next: `${BASE}/Encounter?patient=p1&_cursor=x` }, 5), page([match('e')], {}, 5)], 'a page’s next link is not the page asked after it'],
    ['a last page with a next link', [page([match('c'), match('d')], { next: url(4) }, 5), page([match('e')], { next: url(6) }, 5)], 'a page’s next link is not the page asked after it'],
    ['a total that changed (a record added while reading)', [page([match('c'), match('d')], { next: url(4) }, 6), page([match('e')], {}, 6)], 'the total changed between pages'],
    ['a page short of a match', [page([match('c')], { next: url(4) }, 5), page([match('e')], {}, 5)], 'a page holds a different number of matches'],
    ['a match read twice', [page([match('b'), match('d')], { next: url(4) }, 5), page([match('e')], {}, 5)], 'a match came twice'],
  ])('refuses %s', (_why, pages, reason) => {
    expect(checkOffsetPages(first, plan, pages)).toBe(reason);
  });
});

/**
 * A server paging as medplum does: `_count` capped at `cap`, `_offset`, total on every
 * page, self and next links repeating the query's parameters in its own order. Answers
 * GETs and batches at the base; records each request as METHOD + what was asked, and
 * `events` the order in which requests arrived and answers left.
 */
function offsetServer(total: number, cap: number, opts: { changeAfterFirst?: boolean } = {}) {
  const asked: string[] = [];
  const events: string[] = [];
  let answered = 0;
  const ids = () => Array.from({ length: total + (opts.changeAfterFirst && answered > 0 ? 1 : 0) }, (_, i) => `e${i}`);
  const search = (path: string): Bundle => {
    const [type, query = ''] = path.split('?') as [string, string?];
    const params = new URLSearchParams(query);
    const count = Math.min(Number(params.get('_count') ?? 50), cap);
    const offset = Number(params.get('_offset') ?? 0);
    const kept = [...params].filter(([k]) => k !== '_count' && k !== '_offset').map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
    const link = (o: number) => `${BASE}/${type}?${kept}&_count=${count}&_offset=${o}`;
    const all = opts.changeAfterFirst && answered > 0 ? ['new', ...ids().slice(0, -1)] : ids();
    const n = all.length;
    return page(
      all.slice(offset, offset + count).map((id) => match(id)),
      { self: link(offset), ...(offset + count < n ? { next: link(offset + count) } : {}) },
      n,
    );
  };
  server.use(
    http.post(BASE, async ({ request }) => {
      const paths = ((await request.json()) as Bundle).entry!.map((e) => e.request!.url);
      const label = `POST ${paths.join(' + ')}`;
      asked.push(label);
      events.push(`asked ${label}`);
      await delay(5);
      const body = { resourceType: 'Bundle', type: 'batch-response', entry: paths.map((p) => ({ response: { status: '200 OK' }, resource: search(p) })) };
      answered += 1;
      events.push(`answered ${label}`);
      return HttpResponse.json(body);
    }),
    http.get(`${BASE}/:type`, ({ request }) => {
      const u = new URL(request.url);
      const path = `${u.pathname.split('/').pop()}${u.search}`;
      asked.push(`GET ${path}`);
      const body = search(path);
      answered += 1;
      return HttpResponse.json(body);
    }),
  );
  return { asked, events };
}

const transport = (maxPages?: number, budgetBytes?: number) =>
  createFhirTransport({
    baseUrl: BASE, getHeaders: async () => ({ Authorization: 'Bearer t1' }),
    ...(maxPages ? { maxPages } : {}), ...(budgetBytes ? { budget: createByteBudget(budgetBytes) } : {}),
  });

describe('a batch’s searches against a server that pages by offset', () => {
  it('asks every page after the first in one batch, in one round, and reads every match once, in order', async () => {
    // 1,234 encounters, at most 500 a page (the sandbox's cap): 3 pages.
    const { asked } = offsetServer(1234, 500);
    const [enc] = await transport().batchSearch(['Encounter?patient=p1&_count=1000']);
    expect(asked).toEqual([
      'POST Encounter?patient=p1&_count=1000',
      'POST Encounter?patient=p1&_count=500&_offset=500 + Encounter?patient=p1&_count=500&_offset=1000',
    ]);
    expect(enc?.ok && enc.result.pages).toBe(3);
    expect(enc?.ok && enc.result.resources.map((r) => r.id)).toEqual(Array.from({ length: 1234 }, (_, i) => `e${i}`));
  });

  it('asks the pages of every search of the batch in the same round', async () => {
    const { events } = offsetServer(25, 10);
    const results = await transport().batchSearch(['Encounter?patient=p1', 'Observation?patient=p1']);
    expect(results.map((r) => r.ok && r.result.resources.length)).toEqual([25, 25]);
    expect(events).toEqual([
      'asked POST Encounter?patient=p1 + Observation?patient=p1',
      'answered POST Encounter?patient=p1 + Observation?patient=p1',
      'asked POST Encounter?patient=p1&_count=10&_offset=10 + Encounter?patient=p1&_count=10&_offset=20 + Observation?patient=p1&_count=10&_offset=10 + Observation?patient=p1&_count=10&_offset=20',
      'answered POST Encounter?patient=p1&_count=10&_offset=10 + Encounter?patient=p1&_count=10&_offset=20 + Observation?patient=p1&_count=10&_offset=10 + Observation?patient=p1&_count=10&_offset=20',
    ]);
  });

  it('property: any total and page cap within the page limit: every match once and in order, all later pages asked before any is answered', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 60 }).chain((cap) => fc.record({ cap: fc.constant(cap), total: fc.integer({ min: 0, max: cap * 12 }) })),
        async ({ cap, total }) => {
          server.resetHandlers();
          const { events } = offsetServer(total, cap);
          const [enc] = await transport(12).batchSearch(['Encounter?patient=p1&_count=1000']);
          expect(enc?.ok && enc.result.resources.map((r) => r.id)).toEqual(Array.from({ length: total }, (_, i) => `e${i}`));
          const pages = Math.max(1, Math.ceil(total / cap));
          expect(enc?.ok && enc.result.pages).toBe(pages);
          // Two rounds at most: the first batch, then every later page (in batches of 10) before any answer.
          const firstAnswer = events.findIndex((e, i) => i > 1 && e.startsWith('answered'));
          expect(events.slice(2).filter((e) => e.startsWith('asked')).length).toBe(Math.ceil((pages - 1) / 10));
          if (firstAnswer > 0) expect(events.slice(firstAnswer).some((e) => e.startsWith('asked'))).toBe(false);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('asks nothing more of a search whose pages would pass the page limit, and fails it', async () => {
    const { asked } = offsetServer(1000, 10);
    const [enc] = await transport(50).batchSearch(['Encounter?patient=p1']);
    expect(enc).toMatchObject({ ok: false, error: { kind: 'bad-link', reason: 'The search ran past 50 pages; the rest was not read' } });
    expect(asked).toEqual(['POST Encounter?patient=p1']);
  });

  it('counts the pages read side by side against the source’s byte budget, and stops there', async () => {
    // About 75 bytes a match: the first page (500) fits in 60 kB, the other 734 matches do not.
    offsetServer(1234, 500);
    const [enc] = await transport(undefined, 60_000).batchSearch(['Encounter?patient=p1&_count=1000']);
    expect(enc).toMatchObject({ ok: false, error: { kind: 'unreadable' } });
    expect(!enc?.ok && enc?.error.reason).toMatch(/this organisation sent more than 59 KB in all across its pages, so the rest was not read$/);
  });

  it('fails the search, so the record is not called complete, when the record changes between pages and the links followed do not add up', async () => {
    // A record added at the top after the first page: every later page is shifted by one.
    const { asked } = offsetServer(25, 10, { changeAfterFirst: true });
    const [enc] = await transport().batchSearch(['Encounter?patient=p1']);
    expect(enc).toMatchObject({ ok: false, error: { kind: 'bad-link' } });
    expect(!enc?.ok && enc?.error.reason).toBe(
      'The server’s pages did not add up to the 25 records it said it holds (a match came twice); the record may have changed while it was read',
    );
    // The planned pages, then the server's own links one by one.
    expect(asked.slice(1)).toEqual([
      'POST Encounter?patient=p1&_count=10&_offset=10 + Encounter?patient=p1&_count=10&_offset=20',
      'POST Encounter?patient=p1&_count=10&_offset=10',
      'POST Encounter?patient=p1&_count=10&_offset=20',
    ]);
  });
});

describe('a server whose offset links turn into cursors after the first page', () => {
  it('follows its links instead, and reads every match once', async () => {
    const all = Array.from({ length: 7 }, (_, i) => `e${i}`);
    const asked: string[] = [];
    const answer = (path: string): Bundle => {
      const q = new URLSearchParams(path.split('?')[1]);
      const offset = q.has('_cursor') ? Number(q.get('_cursor')!.slice(1)) : Number(q.get('_offset') ?? 0);
      const next = offset + 3 < all.length ? (offset === 0 ? `${BASE}/Encounter?patient=p1&_offset=3` : `${BASE}/Encounter?patient=p1&_cursor=c${offset + 3}`) : undefined;
      return page(all.slice(offset, offset + 3).map((id) => match(id)), { self: `${BASE}/Encounter?patient=p1&_offset=${offset}`, ...(next ? { next } : {}) }, 7);
    };
    server.use(
      http.post(BASE, async ({ request }) => {
        const paths = ((await request.json()) as Bundle).entry!.map((e) => e.request!.url);
        asked.push(...paths);
        return HttpResponse.json({ resourceType: 'Bundle', type: 'batch-response', entry: paths.map((p) => ({ response: { status: '200 OK' }, resource: answer(p) })) });
      }),
    );
    const [enc] = await transport().batchSearch(['Encounter?patient=p1']);
    expect(enc?.ok && enc.result.resources.map((r) => r.id)).toEqual(all);
    expect(asked).toEqual([
      'Encounter?patient=p1',
      'Encounter?patient=p1&_offset=3', 'Encounter?patient=p1&_offset=6', // the plan, refused: page 2's next is a cursor
      'Encounter?patient=p1&_offset=3', 'Encounter?patient=p1&_cursor=c6', // the server's own links
    ]);
  });
});
