import { describe, expect, it } from 'vitest';
import { sandboxTopology } from '../mocks/sandbox/topology';
import { initialAssets } from './bundle-size';
import type { Observation } from './drive';
import { countRequests, endpointOf, firstEndpointRequest, median, phases, responseEnds, settledExcept, timeline } from './metrics';
import type { ProbeEvent } from './page-probe';

const t = sandboxTopology(19400);
const [gp, mh] = t.endpoints;
const observation = (requests: Array<[string, number, string?]>, preflights: Array<[string, number]> = []): Observation => ({
  requests: requests.map(([url, start, resourceType = 'fetch']) => ({ url, start, method: 'GET', resourceType })),
  preflights: preflights.map(([url, start]) => ({ url, start })),
  sent: [],
  events: [],
  clickedAt: 0,
});

describe('median', () => {
  it('takes the middle, or the mean of the two middles', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([2, 2, 3, 3])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe('endpointOf', () => {
  it('knows URLs under a FHIR base path only', () => {
    expect(endpointOf(t, `${gp!.baseUrl}/Patient?identifier=x`)).toBe(gp!.id);
    expect(endpointOf(t, gp!.baseUrl)).toBe(gp!.id);
    expect(endpointOf(t, `${new URL(gp!.baseUrl).origin}/other`)).toBeUndefined();
  });
});

describe('firstEndpointRequest', () => {
  it('is the first request or preflight to an endpoint after the app document, the launch reads aside', () => {
    const o = observation(
      [
        [`${gp!.baseUrl}/.well-known/smart-configuration`, 10], // the launch page's discovery: before the app
        [`${t.appOrigin}/?code=abc&state=x`, 100, 'document'],
        [`${gp!.baseUrl}/Patient/p1`, 150],
        [`${mh!.baseUrl}/.well-known/smart-configuration`, 300],
      ],
      [
        [`${gp!.baseUrl}/Patient/p1`, 120],
        [`${gp!.baseUrl}/metadata`, 290],
      ],
    );
    expect(firstEndpointRequest(t, o)).toBe(290);
  });
});

describe('countRequests', () => {
  it('prefers what the DevTools protocol saw being sent', () => {
    const o = { ...observation([[`${mh!.baseUrl}/metadata`, 1]]), sent: [`${mh!.baseUrl}/metadata`, `${mh!.baseUrl}/Consent?patient=p`].map((url, i) => ({ url, method: 'GET', start: i })) };
    expect(countRequests(t, o).fhir[mh!.id]).toBe(2);
  });

  it('counts requests under each FHIR base, discovery excluded, preflights apart', () => {
    const o = observation(
      [
        [`${mh!.baseUrl}/.well-known/smart-configuration`, 1],
        [`${mh!.baseUrl}/metadata`, 2],
        [`${mh!.baseUrl}/Patient?identifier=x`, 3],
        [`${gp!.baseUrl}/Patient/p1`, 4],
        [`${t.authIssuer}/token`, 5],
      ],
      [[`${mh!.baseUrl}/metadata`, 1]],
    );
    const c = countRequests(t, o);
    expect(c.fhir[mh!.id]).toBe(2);
    expect(c.fhir[gp!.id]).toBe(1);
    expect(c.sessionReads[gp!.id]).toBe(1);
    expect(c.preflights[mh!.id]).toBe(1);
    expect(c.authServer).toBe(1);
  });
});

describe('settledExcept', () => {
  const names = ['Alpha Trust', 'Beta Practice', 'Gamma Council'];
  const ev = (lines: string[]): ProbeEvent => ({ name: 'sources', t: 0, p: 0, overall: '', lines });
  it('waits for every line but the excepted one to leave Waiting, Signing in and Loading', () => {
    const events = [
      ev(['Alpha Trust Loading (2 pages)', 'Beta Practice Signing in', 'Gamma Council Loading']),
      ev(['Alpha Trust Up to date · 3 items · 1.2 s', 'Beta Practice Loading', 'Gamma Council Loading']),
      ev(['Alpha Trust Up to date · 3 items · 1.2 s', 'Beta Practice No record for this patient', 'Gamma Council Loading']),
    ];
    expect(settledExcept(events, names, 'Gamma Council')).toBe(events[2]);
    expect(settledExcept(events, names, 'Beta Practice')).toBeUndefined();
  });
});

describe('initialAssets', () => {
  it('takes script src, modulepreload and stylesheet links, not other links or remote URLs', () => {
    const html = `<script type="module" crossorigin src="/assets/app.js"></script>
      <link rel="modulepreload" crossorigin href="/assets/chunk.js">
      <link rel="stylesheet" crossorigin href="/assets/app.css">
      <link rel="icon" href="/favicon.ico">
      <script src="https://cdn.example/x.js"></script>`;
    expect(initialAssets(html)).toEqual(['/assets/app.js', '/assets/chunk.js', '/assets/app.css']);
  });
});

describe('responseEnds', () => {
  it('puts the page’s Resource Timing entries on the wall clock of the painted event', () => {
    const painted: ProbeEvent = { name: 'painted', t: 10_000, p: 2_000, fhirTimings: [{ url: `${gp!.baseUrl}`, start: 1_500, end: 1_900 }] };
    expect(responseEnds({ ...observation([]), events: [painted] })).toEqual([{ url: gp!.baseUrl, start: 9_500, end: 9_900 }]);
  });
  it('has nothing without a painted event', () => {
    expect(responseEnds(observation([]))).toEqual([]);
  });
});

describe('phases', () => {
  it('splits decision → "Complete" into the permission write, the sending, the first answer, the spread and the page, adding up to the whole', () => {
    const audit = t.audit.baseUrl;
    const o: Observation = {
      ...observation([]),
      permissionAt: 10_000,
      events: [
        { name: 'sources', t: 10_700, overall: 'Loading: 3 of 8 organisations answered' },
        { name: 'sources', t: 10_950, overall: 'Complete: all 8 organisations answered' },
        {
          name: 'painted', t: 11_000, p: 11_000, overall: 'Complete: all 8 organisations answered',
          // Resource Timing: the page's clock, here the wall clock (t − p = 0).
          fhirTimings: [
            { url: `${gp!.baseUrl}`, start: 9_000, end: 9_200 }, // before the decision: not counted
            { url: `${mh!.baseUrl}`, start: 10_240, end: 10_450 },
            { url: `${gp!.baseUrl}`, start: 10_260, end: 10_880 },
          ],
          serviceTimings: [
            { url: `${audit}`, start: 10_010, end: 10_220 }, // the permission AuditEvent
            { url: `${audit}`, start: 10_230, end: 10_900 }, // the queries' events
          ],
        } as ProbeEvent,
      ] as ProbeEvent[],
    };
    expect(phases(t, o)).toEqual({ permission: 220, toLastSent: 40, toFirstAnswer: 190, answerSpread: 430, toComplete: 70 });
  });

  it('is undefined without a permission decision', () => {
    expect(phases(t, observation([]))).toBeUndefined();
  });
});

describe('timeline', () => {
  it("places the sandbox's handling of each request at its handler's start, with its wait after the latency and its time to answer", () => {
    const o: Observation = { ...observation([[`${gp!.baseUrl}/metadata`, 1_000]]), permissionAt: 1_100 };
    const served = [
      // Arrived at 1 000, the server's latency 150 (the unit of the timeline, 200, is not it): started 80 ms late, behind another handler.
      { server: 'fhir:riverside-gp', method: 'POST', url: '/fhir?_format=json', latencyMs: 150, arrived: 1_000, started: 1_230, finished: 1_242.5 },
      // Before the timeline's start: left out.
      { server: 'app', method: 'GET', url: '/config.json', latencyMs: 150, arrived: 900, started: 1_100, finished: 1_101 },
    ];
    expect(timeline(t, o, 1_000, 200, served)).toEqual([
      '   0.00 L  GET riverside-gp /fhir/metadata ',
      '   0.50 L  == permission decision (click)',
      '   1.15 L  [sandbox] fhir:riverside-gp POST /fhir: started 80.0 ms after its latency, answered 12.5 ms later',
    ]);
  });
});
