import { http, HttpResponse } from 'msw';
import type { Bundle, BundleEntry, OperationOutcome, Resource } from 'fhir/r4';
import { describe, expect, it, vi } from 'vitest';
import { server } from '../testing/server';
import { FhirError } from './errors';
import { createFhirTransport } from './transport';
import type { TransportOptions } from './types';

const BASE = 'https://fhir.example.nhs.uk/fhir';
const FOREIGN = 'https://evil.example.com/fhir';

const encounter = (id: string): Resource => ({ resourceType: 'Encounter', id });
const outcome = (text: string, code = 'processing'): OperationOutcome => ({
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'error', code: code as 'processing', diagnostics: text }],
});

function searchset(resources: Resource[], links: { next?: string; self?: string } = {}, extra: BundleEntry[] = []): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    link: Object.entries(links).map(([relation, url]) => ({ relation, url })),
    entry: [...resources.map((resource) => ({ resource, search: { mode: 'match' as const } })), ...extra],
  };
}

function transport(overrides: Partial<TransportOptions> = {}) {
  const getHeaders = vi.fn(async (_url: string) => ({ Authorization: 'Bearer t1' }));
  const t = createFhirTransport({ baseUrl: BASE, getHeaders, ...overrides });
  return { t, getHeaders };
}

async function failure(p: Promise<unknown>): Promise<FhirError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(FhirError);
  return e as FhirError;
}

describe('get', () => {
  it('asks for FHIR JSON, never from the HTTP cache, with the headers for that URL', async () => {
    let seen: Request | undefined;
    server.use(
      http.get(`${BASE}/Patient/p1`, ({ request }) => {
        seen = request;
        return HttpResponse.json({ resourceType: 'Patient', id: 'p1' });
      }),
    );
    const { t, getHeaders } = transport();
    await expect(t.get('Patient/p1')).resolves.toMatchObject({ id: 'p1' });
    expect(seen?.headers.get('accept')).toBe('application/fhir+json');
    expect(seen?.headers.get('authorization')).toBe('Bearer t1');
    expect(seen?.cache).toBe('no-store');
    expect(getHeaders).toHaveBeenCalledWith(`${BASE}/Patient/p1`);
  });

  it('sends a batch POST with the default cache mode, so that the CORS preflight the probe paid is reused (no-store bypasses it)', async () => {
    let seen: Request | undefined;
    server.use(
      http.post(`${BASE}`, ({ request }) => {
        seen = request;
        return HttpResponse.json({ resourceType: 'Bundle', type: 'batch-response', entry: [{ response: { status: '200 OK' }, resource: { resourceType: 'Bundle', type: 'searchset', entry: [] } }] });
      }),
    );
    const { t } = transport();
    await t.batchSearch(['Encounter?patient=p1']);
    expect(seen?.method).toBe('POST');
    expect(seen?.cache).toBe('default');
  });

  describe('next pages of a batch', () => {
    const ok = (resource: Bundle): BundleEntry => ({ response: { status: '200 OK' }, resource });
    /** A server whose searches have 3 (Encounter) and 2 (Flag) pages; records every request as METHOD + what was asked. */
    function pagedServer(opts: { refuseInBatch?: string } = {}) {
      const asked: string[] = [];
      const page = (path: string): Bundle => {
        const [type, query] = path.split('?') as [string, string];
        const n = Number(new URLSearchParams(query).get('page') ?? '1');
        const last = type === 'Encounter' ? 3 : 2;
        return searchset([encounter(`${type}-${n}`)], n < last ? { next: `${BASE}/${type}?patient=p1&page=${n + 1}` } : {});
      };
      server.use(
        http.post(`${BASE}`, async ({ request }) => {
          const paths = ((await request.json()) as Bundle).entry!.map((e) => e.request!.url);
          asked.push(`POST ${paths.join(' + ')}`);
          return HttpResponse.json({
            resourceType: 'Bundle', type: 'batch-response',
            entry: paths.map((p) => (p === opts.refuseInBatch ? { response: { status: '400 Bad Request' } } : ok(page(p)))),
          });
        }),
        http.get(`${BASE}/:type`, ({ request }) => {
          const u = new URL(request.url);
          const path = `${u.pathname.split('/').pop()}${u.search}`;
          asked.push(`GET ${path}`);
          return HttpResponse.json(page(path));
        }),
      );
      return asked;
    }

    it('asks for the next pages of every search together, in one batch at the base, not a GET per page (a lone page too)', async () => {
      const asked = pagedServer();
      const { t } = transport();
      const results = await t.batchSearch(['Encounter?patient=p1', 'Flag?patient=p1']);
      expect(results.map((r) => (r.ok ? r.result.resources.map((x) => x.id) : r.error))).toEqual([
        ['Encounter-1', 'Encounter-2', 'Encounter-3'],
        ['Flag-1', 'Flag-2'],
      ]);
      expect(asked).toEqual([
        'POST Encounter?patient=p1 + Flag?patient=p1',
        'POST Encounter?patient=p1&page=2 + Flag?patient=p1&page=2',
        // One page left: still a batch at the base, whose preflight is paid, not a GET and its preflight.
        'POST Encounter?patient=p1&page=3',
      ]);
    });

    it('asks a page the server will not answer inside a batch by itself', async () => {
      const asked = pagedServer({ refuseInBatch: 'Flag?patient=p1&page=2' });
      const { t } = transport();
      const results = await t.batchSearch(['Encounter?patient=p1', 'Flag?patient=p1']);
      expect(results.map((r) => r.ok && r.result.resources.length)).toEqual([3, 2]);
      expect(asked).toContain('GET Flag?patient=p1&page=2');
    });
  });

  it('keeps a 503 OperationOutcome, quotes it plainly and reads Retry-After in seconds or as a date', async () => {
    const text = `Maintenance until 14:00 ${'x'.repeat(400)}`;
    server.use(
      http.get(`${BASE}/Patient/a`, () => HttpResponse.json(outcome(text, 'transient'), { status: 503, headers: { 'Retry-After': '120' } })),
      http.get(`${BASE}/Patient/b`, () =>
        HttpResponse.json(outcome('busy'), { status: 503, headers: { 'Retry-After': new Date(Date.now() + 30_000).toUTCString() } }),
      ),
    );
    const { t } = transport();
    const a = await failure(t.get('Patient/a'));
    expect(a).toMatchObject({ kind: 'http', status: 503, retryAfterSeconds: 120, outcome: outcome(text, 'transient') });
    expect(a.reason).toMatch(/^The server answered 503 Service Unavailable: Maintenance until 14:00 x+…$/);
    expect(a.reason.length).toBeLessThan(260);
    const b = await failure(t.get('Patient/b'));
    expect(b.retryAfterSeconds).toBeGreaterThanOrEqual(29);
    expect(b.retryAfterSeconds).toBeLessThanOrEqual(31);
  });

  it('says a body that is not JSON, or JSON that is not the FHIR asked for, is unreadable', async () => {
    server.use(
      http.get(`${BASE}/Patient/html`, () => new HttpResponse('<html>Login</html>', { headers: { 'content-type': 'text/html' } })),
      http.get(`${BASE}/Patient/json`, () => HttpResponse.json({ hello: 'world' })),
      http.get(`${BASE}/Patient/other`, () => HttpResponse.json({ resourceType: 'Observation', id: 'x' })),
      http.get(`${BASE}/Encounter`, () => HttpResponse.json({ resourceType: 'Patient', id: 'x' })),
    );
    const { t } = transport();
    expect(await failure(t.get('Patient/html'))).toMatchObject({ kind: 'unreadable' });
    expect(await failure(t.get('Patient/json'))).toMatchObject({ kind: 'unreadable' });
    expect(await failure(t.get('Patient/other'))).toMatchObject({ kind: 'unreadable' });
    expect(await failure(t.searchAll('Encounter?patient=p1'))).toMatchObject({ kind: 'unreadable' });
  });

  it('maps a connection failure, a cancel and a time limit to their own kinds', async () => {
    server.use(
      http.get(`${BASE}/Patient/down`, () => HttpResponse.error()),
      http.get(`${BASE}/Patient/slow`, async () => {
        await new Promise((r) => setTimeout(r, 2000));
        return HttpResponse.json({ resourceType: 'Patient', id: 'slow' });
      }),
    );
    const { t } = transport();
    expect(await failure(t.get('Patient/down'))).toMatchObject({ kind: 'network', reason: 'Could not connect to the server' });
    const controller = new AbortController();
    const cancelled = t.get('Patient/slow', controller.signal);
    controller.abort();
    expect(await failure(cancelled)).toMatchObject({ kind: 'aborted' });
    expect(await failure(t.get('Patient/slow', AbortSignal.timeout(20)))).toMatchObject({ kind: 'timeout' });
  });

  it('does not follow a redirect (the token stays on its origin)', async () => {
    server.use(http.get(`${BASE}/Patient/moved`, () => new HttpResponse(null, { status: 302, headers: { location: `${FOREIGN}/Patient/moved` } })));
    const { t } = transport();
    expect(await failure(t.get('Patient/moved'))).toMatchObject({ kind: 'http', status: 302 });
  });
});

describe('401: one re-authorisation, one retry (RFC 6750 §3.1)', () => {
  it('calls onUnauthorized once, asks for headers again and succeeds on the retry', async () => {
    let token = 'old';
    server.use(
      http.get(`${BASE}/Patient/p1`, ({ request }) =>
        request.headers.get('authorization') === 'Bearer new'
          ? HttpResponse.json({ resourceType: 'Patient', id: 'p1' })
          : HttpResponse.json(outcome('token expired', 'login'), { status: 401 }),
      ),
    );
    const onUnauthorized = vi.fn(async () => {
      token = 'new';
    });
    const getHeaders = vi.fn(async () => ({ Authorization: `Bearer ${token}` }));
    const t = createFhirTransport({ baseUrl: BASE, getHeaders, onUnauthorized });
    await expect(t.get('Patient/p1')).resolves.toMatchObject({ id: 'p1' });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(getHeaders).toHaveBeenCalledTimes(2);
  });

  it('a second 401 is "unauthorized" with the server’s outcome, after exactly one re-authorisation', async () => {
    let requests = 0;
    server.use(
      http.get(`${BASE}/Patient/p1`, () => {
        requests += 1;
        return HttpResponse.json(outcome('token issued for another endpoint', 'login'), { status: 401 });
      }),
    );
    const onUnauthorized = vi.fn(async () => {});
    const { t } = transport({ onUnauthorized });
    const e = await failure(t.get('Patient/p1'));
    expect(e).toMatchObject({ kind: 'unauthorized', status: 401 });
    expect(e.reason).toContain('token issued for another endpoint');
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(requests).toBe(2);
  });

  it('does not retry when re-authorisation fails, and never puts the token in the error', async () => {
    let requests = 0;
    server.use(
      http.get(`${BASE}/Patient/p1`, () => {
        requests += 1;
        return HttpResponse.json(outcome('invalid token', 'login'), { status: 401 });
      }),
    );
    const { t } = transport({ onUnauthorized: async () => Promise.reject(new Error('login_required')) });
    const e = await failure(t.get('Patient/p1'));
    expect(e.kind).toBe('unauthorized');
    expect(requests).toBe(1);
    expect(JSON.stringify({ ...e, message: e.message })).not.toContain('t1');
  });
});

describe('searchAll', () => {
  it('keeps the total the first page gives (every match, across pages), and none where it gives none or nonsense', async () => {
    for (const [total, kept] of [[2, 2], [undefined, undefined], [-1, undefined], [1.5, undefined], ['2', undefined]] as const) {
      server.use(
        http.get(`${BASE}/Consent`, ({ request }) => {
          const page = new URL(request.url).searchParams.get('page');
          const bundle = page ? searchset([{ resourceType: 'Consent', id: 'c2' } as Resource]) : searchset([{ resourceType: 'Consent', id: 'c1' } as Resource], { next: `${BASE}/Consent?patient=p1&page=2` });
          return HttpResponse.json(page ? bundle : { ...bundle, ...(total !== undefined ? { total } : {}) });
        }),
      );
      const result = await transport().t.searchAll('Consent?patient=p1');
      expect(result.resources.map((r) => r.id)).toEqual(['c1', 'c2']);
      expect(result.total).toBe(kept);
    }
  });

  describe('as POST [type]/_search (post)', () => {
    const NHS = 'https://fhir.nhs.uk/Id/nhs-number|9990001112';
    const pointer = { resourceType: 'DocumentReference', id: 'p1' } as Resource;

    it('sends the parameters as a form to [type]/_search: the identifier in the body, a URL the same for every patient', async () => {
      const seen: { url: string; type: string | null; body: string }[] = [];
      server.use(
        http.post(`${BASE}/DocumentReference/_search`, async ({ request }) => {
          seen.push({ url: request.url, type: request.headers.get('content-type'), body: await request.text() });
          return HttpResponse.json(searchset([pointer]));
        }),
      );
      const { t } = transport();
      const result = await t.searchAll(`DocumentReference?subject:identifier=${encodeURIComponent(NHS)}`, { post: true });
      expect(result.resources.map((r) => r.id)).toEqual(['p1']);
      expect(seen).toEqual([{ url: `${BASE}/DocumentReference/_search`, type: 'application/x-www-form-urlencoded', body: `subject:identifier=${encodeURIComponent(NHS)}` }]);
      expect(new URLSearchParams(seen[0]!.body).get('subject:identifier')).toBe(NHS);
    });

    it('asks with the GET a server that refuses the POST (405)', async () => {
      const gets: string[] = [];
      server.use(
        http.post(`${BASE}/DocumentReference/_search`, () => HttpResponse.json(outcome('not supported', 'not-supported'), { status: 405 })),
        http.get(`${BASE}/DocumentReference`, ({ request }) => {
          gets.push(new URL(request.url).searchParams.get('subject:identifier') ?? '');
          return HttpResponse.json(searchset([pointer]));
        }),
      );
      const { t } = transport();
      const result = await t.searchAll(`DocumentReference?subject:identifier=${encodeURIComponent(NHS)}`, { post: true });
      expect(result.resources.map((r) => r.id)).toEqual(['p1']);
      expect(gets).toEqual([NHS]);
    });

    it('does not ask again with the GET where the server failed (503): the failure is the answer', async () => {
      let gets = 0;
      server.use(
        http.post(`${BASE}/DocumentReference/_search`, () => HttpResponse.json(outcome('down'), { status: 503 })),
        http.get(`${BASE}/DocumentReference`, () => {
          gets++;
          return HttpResponse.json(searchset([pointer]));
        }),
      );
      const { t } = transport();
      const e = await failure(t.searchAll(`DocumentReference?subject:identifier=${encodeURIComponent(NHS)}`, { post: true }));
      expect(e.status).toBe(503);
      expect(gets).toBe(0);
    });

    it('warms the _search URL with a search that asks for nothing about anyone, and ignores its refusal', async () => {
      const bodies: string[] = [];
      server.use(
        http.post(`${BASE}/DocumentReference/_search`, async ({ request }) => {
          bodies.push(await request.text());
          return HttpResponse.json(outcome('search by subject:identifier', 'invalid'), { status: 400 });
        }),
      );
      const { t } = transport();
      await t.warmSearchPost!('DocumentReference').catch(() => undefined);
      expect(bodies).toEqual(['_id=no-such-resource']);
    });
  });

  it('follows next across three pages and returns every resource once', async () => {
    const pages: Record<string, Bundle> = {
      '0': searchset([encounter('e1'), encounter('e2')], { next: `${BASE}/Encounter?patient=p1&_offset=2` }),
      '2': searchset([encounter('e3'), encounter('e4')], { next: `${BASE}/Encounter?patient=p1&_offset=4` }),
      '4': searchset([encounter('e5')]),
    };
    server.use(http.get(`${BASE}/Encounter`, ({ request }) => HttpResponse.json(pages[new URL(request.url).searchParams.get('_offset') ?? '0'])));
    const onPage = vi.fn();
    const { t, getHeaders } = transport();
    const result = await t.searchAll('Encounter?patient=p1', { onPage });
    expect(result.resources.map((r) => r.id)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
    expect(result.pages).toBe(3);
    expect(onPage).toHaveBeenLastCalledWith({ pages: 3, resources: 5 });
    expect(getHeaders).toHaveBeenCalledTimes(3);
  });

  it('keeps included resources and collects outcome entries (data withheld) apart', async () => {
    const suppressed: OperationOutcome = {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'information', code: 'suppressed', diagnostics: 'Some records are withheld' }],
    };
    server.use(
      http.get(`${BASE}/MedicationRequest`, () =>
        HttpResponse.json(
          searchset([{ resourceType: 'MedicationRequest', id: 'm1' } as Resource], {}, [
            { resource: { resourceType: 'Medication', id: 'med1' } as Resource, search: { mode: 'include' } },
            { resource: suppressed, search: { mode: 'outcome' } },
          ]),
        ),
      ),
    );
    const { t } = transport();
    const result = await t.searchAll('MedicationRequest?patient=p1&_include=MedicationRequest:medication');
    expect(result.resources.map((r) => r.id)).toEqual(['m1', 'med1']);
    expect(result.outcomes).toEqual([suppressed]);
  });

  it('refuses a next link to another origin without requesting it or asking for headers for it', async () => {
    const foreign = vi.fn(() => HttpResponse.json(searchset([])));
    server.use(
      http.get(`${BASE}/Encounter`, () => HttpResponse.json(searchset([encounter('e1')], { next: `${FOREIGN}/Encounter?page=2` }))),
      http.get(`${FOREIGN}/Encounter`, foreign),
    );
    const { t, getHeaders } = transport();
    const e = await failure(t.searchAll('Encounter?patient=p1'));
    expect(e.kind).toBe('bad-link');
    expect(foreign).not.toHaveBeenCalled();
    expect(getHeaders.mock.calls.map(([url]) => url)).toEqual([`${BASE}/Encounter?patient=p1`]);
  });

  it('refuses a next link on the same origin under another path', async () => {
    const other = vi.fn(() => HttpResponse.json(searchset([])));
    server.use(
      http.get(`${BASE}/Encounter`, () =>
        HttpResponse.json(searchset([encounter('e1')], { next: 'https://fhir.example.nhs.uk/fhir-admin/Encounter?page=2' })),
      ),
      http.get('https://fhir.example.nhs.uk/fhir-admin/Encounter', other),
    );
    const { t, getHeaders } = transport();
    expect(await failure(t.searchAll('Encounter?patient=p1'))).toMatchObject({ kind: 'bad-link' });
    expect(other).not.toHaveBeenCalled();
    expect(getHeaders).toHaveBeenCalledTimes(1);
  });

  it('stops a next link that loops back to a page already read', async () => {
    let requests = 0;
    server.use(
      http.get(`${BASE}/Encounter`, ({ request }) => {
        requests += 1;
        const page = new URL(request.url).searchParams.get('page') ?? '1';
        return HttpResponse.json(searchset([encounter(`e${page}`)], { next: `${BASE}/Encounter?patient=p1&page=${page === '1' ? 2 : 1}` }));
      }),
    );
    const { t } = transport();
    expect(await failure(t.searchAll('Encounter?patient=p1&page=1'))).toMatchObject({ kind: 'bad-link' });
    expect(requests).toBe(2);
  });

  it('stops after maxPages', async () => {
    server.use(
      http.get(`${BASE}/Encounter`, ({ request }) => {
        const page = Number(new URL(request.url).searchParams.get('page') ?? '1');
        return HttpResponse.json(searchset([encounter(`e${page}`)], { next: `${BASE}/Encounter?page=${page + 1}` }));
      }),
    );
    const { t, getHeaders } = transport({ maxPages: 3 });
    const e = await failure(t.searchAll('Encounter?page=1'));
    expect(e).toMatchObject({ kind: 'bad-link' });
    expect(e.reason).toContain('3 pages');
    expect(getHeaders).toHaveBeenCalledTimes(3);
  });

  it('refuses a path that is not under the base before asking for headers', async () => {
    const { t, getHeaders } = transport();
    expect(await failure(t.searchAll(`${FOREIGN}/Encounter`))).toMatchObject({ kind: 'bad-link' });
    expect(getHeaders).not.toHaveBeenCalled();
  });
});
