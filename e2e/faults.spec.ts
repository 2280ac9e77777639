import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import type { Condition, FhirResource } from 'fhir/r4';
import { normaliseResources } from '../src/domain/normalise';
import { HUGE_RESPONSE_BYTES, OTHER_PATIENT_FLAG_TEXT, RETRY_AFTER_SECONDS } from '../mocks/sandbox/fault-handler';
import { FOREIGN_NEXT_ORIGIN, type FaultMode } from '../mocks/sandbox/faults';
import { clearFaults, isProbe, launchFromHost, organisation, overall, section, setFault, sourceLine } from './helpers';
import { topology, world } from './sandbox';
import { expectNoCrash, expectTokensStayHome, watchContext, type Watch } from './watch';

/**
 * Issue "Keep working and leak nothing under faults, bad data and hostile input": one
 * launch per fault, with the fault on one organisation's endpoint only. For every fault:
 * the other organisations are unaffected, the failing one says why in plain words (with
 * Retry or Sign in where that can help), nothing crashes, no token leaves the origin it was
 * issued for, and nothing wrong is shown as fact. Fault-specific checks follow each row.
 */

const FAULTY = 'fenland-mh';
const SIX = world.cases.sixOrganisations;
const person = world.people.find((p) => p.key === SIX)!;
const others = Object.keys(person.patientIds).filter((id) => id !== FAULTY);
const faultyOrigin = new URL(topology.endpoints.find((e) => e.id === FAULTY)!.baseUrl).origin;
const OPEN = /\/(metadata|\.well-known\/smart-configuration)$/;

/** What the faulty organisation holds for the person, as the app counts it (the same normaliser, searched types only). */
function healthyItemCount(): number {
  const patientId = person.patientIds[FAULTY]!;
  const mine = (world.byEndpoint[FAULTY] ?? []).filter((r) => {
    if (r.resourceType === 'Condition') {
      return (r as Condition).clinicalStatus?.coding?.some((c) => c.code === 'active') && JSON.stringify(r).includes(`Patient/${patientId}`);
    }
    return true;
  });
  const endpoint = topology.endpoints.find((e) => e.id === FAULTY)!;
  const source = { endpointId: FAULTY, organisationName: endpoint.organisationName, odsCode: endpoint.odsCode };
  return normaliseResources(mine as FhirResource[], { source, patientId, baseUrl: endpoint.baseUrl }).records.length;
}
const ITEMS = healthyItemCount();

/**
 * One whole attempt at an organisation that answers: the Patient search, the objection
 * check and the summary's searches (one batch, or one request each without batch).
 */
const ONE_ATTEMPT = 10;

/** Data requests (not discovery, not metadata, not the probe: a batch of `metadata` only) the app sent to the faulty endpoint. */
const dataRequests = (watch: Watch) => watch.requests.filter((r) => r.origin === faultyOrigin && !OPEN.test(new URL(r.url).pathname) && !isProbe(r));

interface Case {
  mode: FaultMode;
  /** What the app must do, for the test's title. */
  title: string;
  /** What the faulty organisation's line must say. */
  line: RegExp;
  /** The action offered on that line. */
  action: 'Try again' | 'Sign in' | 'none';
  /** Most data requests the app may send to the faulty endpoint in this test. */
  maxRequests: number;
  timeout?: number;
  /** The faulty endpoint's timeoutMs in the runtime configuration (config.json), if not the sandbox's. */
  timeoutMs?: number;
  more?: (ctx: { app: FrameLocator; watch: Watch; received: () => Map<string, number> }) => Promise<void>;
}

/** Body bytes the page's renderer received, by URL, from the DevTools protocol (every frame of the page's process). */
async function bytesReceived(page: Page): Promise<() => Map<string, number>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const urls = new Map<string, string>();
  const bytes = new Map<string, number>();
  cdp.on('Network.requestWillBeSent', (e: { requestId: string; request: { url: string } }) => void urls.set(e.requestId, e.request.url));
  cdp.on('Network.dataReceived', (e: { requestId: string; dataLength: number }) => void bytes.set(e.requestId, (bytes.get(e.requestId) ?? 0) + e.dataLength));
  return () => {
    const byUrl = new Map<string, number>();
    for (const [id, n] of bytes) {
      const url = urls.get(id);
      if (url) byUrl.set(url, Math.max(n, byUrl.get(url) ?? 0));
    }
    return byUrl;
  };
}

/** The plain summary first, the technical reason later in the line (inside "Technical detail"). */
const failed = (summary: string, reason: RegExp) => new RegExp(`${summary}.*${reason.source}`);

const CASES: Case[] = [
  {
    mode: 'none',
    title: 'healthy: up to date, every item counted once',
    line: new RegExp(`Up to date · ${ITEMS} items`),
    action: 'none',
    maxRequests: ONE_ATTEMPT,
  },
  {
    mode: 'hang',
    title: 'never answers: not answering, with Try again',
    line: /Not answering.*did not answer within 5 seconds.*Timed out after 5 s/,
    action: 'Try again',
    // Its token comes from the shared sign-in at the authorisation server, so its one batch
    // is sent, and never answered (not retried: it ran out of time).
    maxRequests: 1,
    // The endpoint's own time limit from the configuration, shortened to keep the test quick.
    timeoutMs: 5_000,
  },
  { mode: 'down', title: 'connection refused: cannot be reached, with Try again', line: failed('Cannot be reached', /Could not reach the sign-in service|Could not connect/), action: 'Try again', maxRequests: 2 }, // the batch and its one automatic retry (the token comes from the shared sign-in)
  { mode: 'http-500', title: '500: its system had a problem, the server’s reason as detail, retried once, with Try again', line: failed('Its system had a problem', /The server answered 500 Internal Server Error: Simulated server failure/), action: 'Try again', maxRequests: 2 },
  { mode: 'http-502', title: '502: its system had a problem, retried once, with Try again', line: failed('Its system had a problem', /The server answered 502 Bad Gateway/), action: 'Try again', maxRequests: 2 },
  {
    mode: 'http-503',
    title: '503 with Retry-After: failed, retried only after Retry-After',
    line: failed('Busy', /The server answered 503 Service Unavailable: Simulated overload; try again later/),
    action: 'Try again',
    maxRequests: 2,
    more: async ({ watch }) => expectPaced(watch, 2),
  },
  {
    mode: 'http-429',
    title: '429 with Retry-After: failed, and not even Retry asks sooner than Retry-After',
    line: failed('Busy', /The server answered 429 Too Many Requests/),
    action: 'Try again',
    maxRequests: 4,
    timeout: 40_000,
    more: async ({ app, watch }) => {
      // Retry pressed at once still waits out the server's Retry-After.
      expectPaced(watch, 2);
      const before = dataRequests(watch).length;
      await sourceLine(app, FAULTY).getByRole('button', { name: /^Try again for / }).click();
      await expect(sourceLine(app, FAULTY)).not.toContainText('Busy');
      await expect(sourceLine(app, FAULTY)).toContainText(/Busy.*The server answered 429/, { timeout: 20_000 });
      await watch.settle();
      // The click's request, and at most its one automatic retry, each after Retry-After.
      expect(dataRequests(watch).length).toBeGreaterThan(before);
      expect(dataRequests(watch).length).toBeLessThanOrEqual(before + 2);
      expectPaced(watch);
    },
  },
  {
    mode: 'expired-token',
    title: '401 for an expired token: one renewal, then sign-in needed (no loop)',
    line: /Sign-in needed.*no longer accepts your sign-in \(it may have expired\).*The server did not accept the sign-in \(401 Unauthorized\)/,
    action: 'Sign in',
    // The first request, then one more after a single renewal: no loop.
    maxRequests: 2,
  },
  { mode: 'malformed-json', title: 'malformed JSON: answer could not be read, not empty', line: failed('Answer could not be read', /The server’s answer could not be read: it is not JSON/), action: 'none', maxRequests: 1 },
  { mode: 'not-fhir', title: 'JSON that is not FHIR: answer could not be read, not empty', line: failed('Answer could not be read', /The server’s answer could not be read: expected a batch-response Bundle/), action: 'none', maxRequests: 1 },
  {
    mode: 'operation-outcome',
    title: '400 with an OperationOutcome: refused, its text as detail, not retried, no Try again that cannot help',
    line: failed('Request refused', /Trying again will not help.*The server answered 400 Bad Request: Simulated error: the search could not be processed/),
    action: 'none',
    maxRequests: 1, // a refusal is not retried automatically
  },
  {
    mode: 'foreign-next-link',
    title: 'next link to another host: not followed, nothing sent there',
    line: failed('Answer could not be read', /The server’s link to the next page points outside this organisation’s FHIR service; it was not followed/),
    action: 'none',
    maxRequests: 1,
    more: async ({ watch }) => {
      expect(watch.requests.filter((r) => r.origin === FOREIGN_NEXT_ORIGIN)).toEqual([]);
    },
  },
  {
    mode: 'looping-next-link',
    title: 'next link back to itself: stopped, marked',
    line: failed('Answer could not be read', /The server’s link to the next page leads back to a page already read/),
    action: 'none',
    maxRequests: 1,
  },
  {
    mode: 'other-patient',
    title: 'records about another patient: dropped, counted, never shown',
    line: new RegExp(`Incomplete: \\d+ records about another patient were dropped · ${ITEMS} items shown`),
    action: 'none',
    maxRequests: ONE_ATTEMPT,
    more: async ({ app }) => {
      await expect(app.locator('body')).not.toContainText(OTHER_PATIENT_FLAG_TEXT);
    },
  },
  { mode: 'duplicate-ids', title: 'every entry twice: no item doubled', line: new RegExp(`Up to date · ${ITEMS} items`), action: 'none', maxRequests: ONE_ATTEMPT },
  {
    mode: 'huge-response',
    title: 'a 20 MB answer: shown, the page stays responsive',
    line: new RegExp(`Up to date · ${ITEMS} items`),
    action: 'none',
    maxRequests: ONE_ATTEMPT,
    timeout: 60_000,
    more: async ({ app, received }) => {
      // Bytes as the browser received them (CDP): Chromium sometimes reports a cross-origin
      // POST the page read in full as failed (net::ERR_ABORTED), with no size for Playwright.
      const largest = () => Math.max(...[...received()].filter(([url]) => url.startsWith(faultyOrigin)).map(([, n]) => n));
      await expect.poll(largest, { message: 'the largest answer from the endpoint (bytes)', timeout: 10_000 }).toBeGreaterThan(HUGE_RESPONSE_BYTES);
      await expectResponsive(app);
    },
  },
];

test.afterEach(clearFaults);

test.describe('one endpoint at fault, the rest of the record unaffected', () => {
  for (const c of CASES) {
    test(`${c.mode}: ${c.title}`, async ({ page, context }) => {
      test.setTimeout((c.timeout ?? 30_000) + 30_000);
      const watch = watchContext(context);
      await page.addInitScript(LONG_TASKS);
      await setFault(FAULTY, { mode: c.mode });
      if (c.timeoutMs) await withEndpointTimeout(page, FAULTY, c.timeoutMs);
      const received = await bytesReceived(page);
      const { app } = await launchFromHost(page, 'gp', SIX);

      // The faulty organisation says what happened, in words, with the action that can help.
      const line = sourceLine(app, FAULTY);
      await expect(line).toContainText(c.line, { timeout: c.timeout ?? 30_000 });
      for (const id of others) await expect(sourceLine(app, id)).toContainText('Up to date');
      if (c.mode !== 'none' && c.mode !== 'duplicate-ids' && c.mode !== 'huge-response') {
        await expect(overall(app)).toContainText(`Incomplete record: ${organisation(FAULTY)}`);
      }
      const actions = { 'Try again': /^Try again for /, 'Sign in': /^Sign in to /, none: undefined }[c.action];
      if (actions) await expect(line.getByRole('button', { name: actions })).toBeVisible();
      else await expect(line.getByRole('button', { name: /^(Try again|Sign in)/ })).toHaveCount(0);
      // Plain words first: no status code in what shows before "Technical detail" is opened.
      const plain = (await line.locator('.source-state, .source-advice').allTextContents()).join(' ');
      expect(plain, 'what shows before "Technical detail" is opened').not.toMatch(/\b[45]\d\d\b|Unauthorized|JSON/);

      // The rest of the record is there, and no error page replaced it.
      await expect(section(app, 'Encounters').getByText(organisation('riverside-gp'), { exact: true }).filter({ visible: true }).first()).toBeVisible();
      await expect(app.getByText(/Something went wrong|could not be shown/)).toHaveCount(0);

      await c.more?.({ app, watch, received });
      await watch.settle();
      expect(dataRequests(watch).length, `data requests to ${FAULTY}`).toBeLessThanOrEqual(c.maxRequests);
      await expectTokensStayHome(watch);
      expectNoCrash(watch);
    });
  }
});

/** Serves the app a runtime configuration in which one endpoint has its own time limit. */
async function withEndpointTimeout(page: Page, endpointId: string, timeoutMs: number): Promise<void> {
  const config = (await (await page.request.get(`${topology.appOrigin}/config.json`)).json()) as { endpoints: { id: string; timeoutMs: number }[] };
  config.endpoints.find((e) => e.id === endpointId)!.timeoutMs = timeoutMs;
  await page.route(`${topology.appOrigin}/config.json`, (route) => route.fulfill({ json: config }));
}

/**
 * Requests to an endpoint that asked for Retry-After seconds are at least that far apart
 * (RFC 9110 §10.2.3): the app does not hammer an overloaded server. Requests sent
 * together (one attempt's parallel searches) count as one.
 */
function expectPaced(watch: Watch, atLeast = 1): void {
  const times = dataRequests(watch).map((r) => r.at);
  const attempts = times.filter((t, i) => i === 0 || t - times[i - 1]! > 200);
  expect(attempts.length, 'attempts seen').toBeGreaterThanOrEqual(atLeast);
  for (let i = 1; i < attempts.length; i++) {
    // Less half a second for the test's own view of request times, which may lag on a busy machine.
    expect(attempts[i]! - attempts[i - 1]!, `gap before attempt ${i + 1}`).toBeGreaterThanOrEqual(RETRY_AFTER_SECONDS * 1000 - 500);
  }
}

/** Records the longest main-thread task in every frame (Long Tasks API). */
const LONG_TASKS = `
  window.__longestTask = 0;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longestTask = Math.max(window.__longestTask, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
`;

/** The page answers at once after the large answer, and never froze for long while reading it. */
async function expectResponsive(app: FrameLocator): Promise<void> {
  const frame = (await (await app.owner().elementHandle())!.contentFrame())!;
  const started = Date.now();
  await frame.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  expect(Date.now() - started, 'a frame was painted promptly').toBeLessThan(1000);
  const longest = await frame.evaluate(() => (window as unknown as { __longestTask: number }).__longestTask);
  test.info().annotations.push({ type: 'longest main-thread task', description: `${Math.round(longest)} ms` });
  expect(longest, 'longest main-thread task (ms)').toBeLessThan(2000);
}
