/**
 * Drives one full launch in Chromium as a clinician would (host system page → "Open My
 * Care Record" → the viewer in the host's iframe) and records what happened: every HTTP
 * request with Chromium's own timings (Playwright request events, every frame, including
 * the hidden sign-in frames), CORS preflights (CDP, which Playwright does not report), and
 * the probe's events from inside the app (page-probe.ts).
 */
import type { Browser, BrowserContext, CDPSession, FrameLocator, Request } from '@playwright/test';
import type { Sandbox } from '../mocks/sandbox/sandbox';
import { PROBE_BINDING, probeScript, type ProbeEvent } from './page-probe';

export interface ObservedRequest {
  url: string;
  method: string;
  resourceType: string;
  /**
   * Epoch milliseconds (Chromium's wall clock, as the page's Date.now()) when the request
   * itself was sent: after its CORS preflight, if it had one. Ends of responses are taken
   * from Resource Timing in the page instead (Playwright's responseEnd runs late for
   * preflighted requests).
   */
  start: number;
  status?: number;
  failure?: string;
}

export interface Observation {
  requests: ObservedRequest[];
  /** CORS preflights (OPTIONS) Chromium sent on its own, by URL, with their start. */
  preflights: Array<{ url: string; start: number }>;
  /**
   * Every other request as the DevTools protocol saw it being sent (keepalive fetches, which
   * Playwright does not report, included): for the timeline only.
   */
  sent: Array<{ url: string; method: string; start: number }>;
  events: ProbeEvent[];
  /** JS heap of the page's renderer (host page, app frame and its sign-in frames). */
  heap?: { usedBeforeGcMb: number; usedAfterGcMb: number; totalAfterGcMb: number };
  /** Wall clock when the host's button was clicked. */
  clickedAt: number;
  /** Wall clock when the permission decision was clicked, if the app asks for one. */
  permissionAt?: number;
  /** A V8 CPU profile of the renderer from the click to the end (DriveOptions.profile). */
  profile?: unknown;
  /** Wall clock just before the profile was stopped (its `endTime` is about then). */
  profileStoppedAt?: number;
  /** Chromium's trace events from the decision to the end (DriveOptions.trace). */
  trace?: TraceEvent[];
}

/** One event of Chromium's trace (Trace Event Format), as far as the bench reads it. */
export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  /** Microseconds on the trace clock. */
  ts: number;
  dur?: number;
  args?: Record<string, unknown>;
}

export interface DriveOptions {
  hostId: string;
  /** The person to open (world.people key); the host's first patient when absent. */
  personKey: string;
  /** Stop watching when this is true of the events so far. */
  done: (events: ProbeEvent[]) => boolean;
  timeoutMs: number;
  measureHeap?: boolean;
  /** Extra settling time after `done` (lets late requests be counted). */
  settleMs?: number;
  /**
   * Makes the permission decision ("record the basis for viewing") once the prompt shows;
   * resolves with the wall-clock time of the click that records it. Default:
   * decidePermission.
   */
  decide?: (app: FrameLocator) => Promise<number>;
  /** How long the user reads the prompt before deciding (the app may sign in meanwhile). */
  thinkMs?: number;
  /** Called just before the permission decision is made (the bench reads the CPU counters there). */
  beforeDecision?: () => void;
  /** Record a CPU profile (slows the page: not for measured launches). */
  profile?: boolean;
  /** Record a Chromium trace from the decision to the end (every process; slows the page: not for measured launches). */
  trace?: boolean;
}

const NHS = 'https://fhir.nhs.uk/Id/nhs-number';

/** The name the host system lists the person under (host-server.ts toRow). */
export function hostListName(sandbox: Sandbox, hostId: string, personKey: string): string {
  const host = sandbox.topology.hosts.find((h) => h.id === hostId);
  const person = sandbox.world.people.find((p) => p.key === personKey);
  const id = host && person?.patientIds[host.endpointId];
  const patient = host && (sandbox.world.byEndpoint[host.endpointId] ?? []).find((r) => r.resourceType === 'Patient' && r.id === id);
  if (!patient || patient.resourceType !== 'Patient') throw new Error(`${personKey} is not a patient at host ${hostId}`);
  const name = patient.name?.[0];
  return `${(name?.family ?? '').toUpperCase()}, ${(name?.given ?? []).join(' ')}`;
}

export function nhsNumberOf(sandbox: Sandbox, personKey: string): string {
  const person = sandbox.world.people.find((p) => p.key === personKey);
  if (!person) throw new Error(`no person ${personKey}`);
  return person.nhsNumber;
}
export { NHS as NHS_NUMBER_SYSTEM };

async function trackRequests(cdp: CDPSession, preflights: Observation['preflights'], sent: Observation['sent']): Promise<void> {
  await cdp.send('Network.enable');
  cdp.on('Network.requestWillBeSent', (e: { type?: string; request: { url: string; method: string }; wallTime: number }) => {
    const row = { url: e.request.url, start: e.wallTime * 1000 };
    if (e.type === 'Preflight' || e.request.method === 'OPTIONS') preflights.push(row);
    else sent.push({ ...row, method: e.request.method });
  });
}

function record(req: Request, into: ObservedRequest[], status?: number, failure?: string): void {
  const start = req.timing().startTime;
  into.push({ url: req.url(), method: req.method(), resourceType: req.resourceType(), start, ...(status !== undefined ? { status } : {}), ...(failure ? { failure } : {}) });
}

/**
 * The permission prompt's answer that lets the record load ("The patient gave permission
 * to view their shared record"), then "Record and continue" once it can be pressed. The
 * time is the click as the page received it (the event's timeStamp on the page's clock,
 * performance.timeOrigin + event.timeStamp), not when Playwright was asked to click: its
 * actionability checks (scroll into view, two frames of stability, a hit test) take about
 * 50 ms that no user spends and the app cannot see.
 */
export async function decidePermission(app: FrameLocator): Promise<number> {
  await app.getByRole('radio', { name: /gave permission/i }).check();
  const submit = app.getByRole('button', { name: /^Record and continue$/ });
  await submit.waitFor();
  for (let i = 0; i < 600 && !(await submit.isEnabled()); i++) await new Promise((r) => setTimeout(r, 50));
  await submit.evaluate((el) => {
    const w = el.ownerDocument.defaultView as (Window & { __benchClickAt?: number }) | null;
    el.addEventListener('click', (e) => w && (w.__benchClickAt = performance.timeOrigin + e.timeStamp), { capture: true, once: true });
  });
  const asked = Date.now();
  await submit.click();
  const received = await app.locator(':root').evaluate(() => (window as Window & { __benchClickAt?: number }).__benchClickAt);
  return typeof received === 'number' && received >= asked - 1_000 ? received : asked;
}

/** One launch in a fresh browser context (cold HTTP cache, no cookies). */
export async function driveLaunch(browser: Browser, sandbox: Sandbox, opts: DriveOptions): Promise<Observation> {
  const t = sandbox.topology;
  const context: BrowserContext = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  const events: ProbeEvent[] = [];
  const requests: ObservedRequest[] = [];
  const preflights: Observation['preflights'] = [];
  const sent: Observation['sent'] = [];
  let wake: () => void = () => undefined;
  try {
    await context.exposeBinding(PROBE_BINDING, (_source, e: ProbeEvent) => {
      events.push(e);
      wake();
    });
    const name = hostListName(sandbox, opts.hostId, opts.personKey);
    const family = name.split(',')[0]!;
    const services = [t.audit, t.objectionRegister, t.recordLocator].map((s) => new URL(s.baseUrl).origin);
    await context.addInitScript(probeScript(t.appOrigin, t.endpoints.map((e) => new URL(e.baseUrl).origin), family, services));
    context.on('requestfinished', (req) => {
      void req.response().then((res) => record(req, requests, res?.status()), () => record(req, requests));
    });
    // Chromium reports some cross-origin POSTs that the page read in full as failed
    // (net::ERR_ABORTED): one with a response is shown with its status, as answered.
    context.on('requestfailed', (req) => {
      const failure = req.failure()?.errorText ?? 'failed';
      void req.response().then(
        (res) => (res ? record(req, requests, res.status()) : record(req, requests, undefined, failure)),
        () => record(req, requests, undefined, failure),
      );
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    let tracing: CDPSession | undefined;
    const startTrace = async () => {
      tracing = await browser.newBrowserCDPSession();
      await tracing.send('Tracing.start', {
        transferMode: 'ReturnAsStream',
        traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'loading', 'toplevel', '__metadata', 'disabled-by-default-devtools.timeline.stack'] },
      });
    };
    const stopTrace = async (): Promise<TraceEvent[]> => {
      const session = tracing!;
      const done = new Promise<string>((resolve) => session.once('Tracing.tracingComplete', (e) => resolve(e.stream!)));
      await session.send('Tracing.end');
      const stream = await done;
      let text = '';
      for (;;) {
        const chunk = await session.send('IO.read', { handle: stream });
        text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data;
        if (chunk.eof) break;
      }
      await session.send('IO.close', { handle: stream });
      await session.detach();
      const parsed = JSON.parse(text) as { traceEvents: TraceEvent[] } | TraceEvent[];
      return Array.isArray(parsed) ? parsed : parsed.traceEvents;
    };
    await trackRequests(cdp, preflights, sent);
    const host = t.hosts.find((h) => h.id === opts.hostId);
    if (!host) throw new Error(`no host ${opts.hostId}`);
    await page.goto(`${host.origin}/`);
    const button = page.getByRole('button', { name: `Open My Care Record for ${name}`, exact: true });
    await button.waitFor();
    if (opts.profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
    }
    const clickedAt = Date.now();
    await button.click();
    const until = (what: string, ready: (e: ProbeEvent[]) => boolean) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${what} (${opts.personKey}) not seen within ${opts.timeoutMs} ms; last events: ${JSON.stringify(events.slice(-2))}`)), opts.timeoutMs);
        wake = () => {
          if (ready(events)) {
            clearTimeout(timer);
            resolve();
          }
        };
        wake();
      });
    // The permission step, when the app has one: its prompt comes before any source is asked.
    let permissionAt: number | undefined;
    await until('the permission prompt or the sources', (e) => e.some((x) => x.name === 'prompt' || x.name === 'sources'));
    const prompt = events.find((x) => x.name === 'prompt');
    if (prompt && !events.some((x) => x.name === 'sources' && x.t < prompt.t)) {
      await page.waitForTimeout(Math.max(0, prompt.t + (opts.thinkMs ?? 0) - Date.now()));
      opts.beforeDecision?.();
      if (opts.trace) await startTrace();
      permissionAt = await (opts.decide ?? decidePermission)(page.frameLocator('#app-frame'));
    }
    await until('the end of the launch', opts.done);
    if (opts.settleMs) await page.waitForTimeout(opts.settleMs);
    const trace = opts.trace ? await stopTrace() : undefined;
    const profileStoppedAt = opts.profile ? Date.now() : undefined;
    const profile = opts.profile ? (await cdp.send('Profiler.stop')).profile : undefined;
    let heap: Observation['heap'];
    if (opts.measureHeap) {
      await cdp.send('Performance.enable');
      const mb = (metrics: Array<{ name: string; value: number }>, name: string) => (metrics.find((m) => m.name === name)?.value ?? NaN) / 1024 / 1024;
      const before = (await cdp.send('Performance.getMetrics')).metrics;
      await cdp.send('HeapProfiler.collectGarbage');
      const after = (await cdp.send('Performance.getMetrics')).metrics;
      heap = { usedBeforeGcMb: mb(before, 'JSHeapUsedSize'), usedAfterGcMb: mb(after, 'JSHeapUsedSize'), totalAfterGcMb: mb(after, 'JSHeapTotalSize') };
    }
    return { requests, preflights, sent, events, clickedAt, ...(permissionAt ? { permissionAt } : {}), ...(heap ? { heap } : {}), ...(profile ? { profile, profileStoppedAt } : {}), ...(trace ? { trace } : {}) };
  } finally {
    await context.close().catch(() => undefined);
  }
}
