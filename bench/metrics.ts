/**
 * Pure functions from what one launch recorded (drive.ts) to the benchmark's numbers.
 * Times are epoch milliseconds on one machine's wall clock (Chromium's request timings and
 * the page's Date.now()); durations inside the page use its performance.now().
 */
import type { SandboxTopology } from '../mocks/sandbox/topology';
import type { Observation } from './drive';
import type { ServedRequest } from '../mocks/sandbox/http-util';
import type { ProbeEvent } from './page-probe';

export const median = (xs: number[]): number => {
  const s = [...xs].filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

const BUSY = /^(Waiting|Signing in|Loading)/;

export const isComplete = (e: ProbeEvent) => e.name === 'sources' && (e.overall ?? '').startsWith('Complete');

/** The first event at which every organisation except `except` has settled (answered, failed or excluded). */
export function settledExcept(events: ProbeEvent[], organisationNames: string[], except: string): ProbeEvent | undefined {
  return events.find((e) => {
    if (e.name !== 'sources' || !e.lines || e.lines.length !== organisationNames.length) return false;
    return organisationNames
      .filter((n) => n !== except)
      .every((n) => {
        const line = e.lines!.find((l) => l.startsWith(n));
        return line !== undefined && !BUSY.test(line.slice(n.length).trim());
      });
  });
}

/** Which endpoint a URL belongs to if it is under that endpoint's FHIR base path. */
export function endpointOf(t: SandboxTopology, url: string): string | undefined {
  return t.endpoints.find((e) => url === e.baseUrl || url.startsWith(`${e.baseUrl}/`) || url.startsWith(`${e.baseUrl}?`))?.id;
}

const DISCOVERY = '/.well-known/smart-configuration';
/** The launch's own reads at the launching server: the banner's Patient and the user line. */
const SESSION_READ = /\/fhir\/(Patient|Practitioner)\/[^/?]+$|\/fhir\/PractitionerRole\?/;

/** The app's document after the authorisation redirect (the SMART redirect URI). */
function appDocumentStart(t: SandboxTopology, o: Observation): number | undefined {
  return o.requests.find((r) => r.resourceType === 'document' && r.url.startsWith(`${t.appOrigin}/?`))?.start;
}

export function launchStart(t: SandboxTopology, o: Observation): number | undefined {
  return o.requests.find((r) => r.resourceType === 'document' && r.url.startsWith(t.launchUrl))?.start;
}

/**
 * The first request the app sends to a regional endpoint after the launch, counting a CORS
 * preflight as the request it precedes: any request under one of the 8 FHIR bases
 * (discovery included) from the app's document, other than the launch's own reads at the
 * launching server (Patient/{id}, Practitioner/{id}, PractitionerRole?…).
 */
export function firstEndpointRequest(t: SandboxTopology, o: Observation): number | undefined {
  const after = appDocumentStart(t, o);
  if (after === undefined) return undefined;
  const starts = [...o.requests, ...o.sent, ...o.preflights]
    .filter((r) => r.start >= after && endpointOf(t, r.url) !== undefined && !SESSION_READ.test(r.url))
    .map((r) => r.start);
  return starts.length ? Math.min(...starts) : undefined;
}

export interface RequestCounts {
  /** Per endpoint id: requests under the FHIR base path, discovery excluded. */
  fhir: Record<string, number>;
  /** Per endpoint id: CORS preflights Chromium added for those requests. */
  preflights: Record<string, number>;
  /** Per endpoint id: the launch's own reads at the launching server (included in `fhir`). */
  sessionReads: Record<string, number>;
  /** Requests to the authorisation server (authorize, interactions, token). */
  authServer: number;
  /** Requests to the app's own origin (documents, scripts, styles, config). */
  appOrigin: number;
}

export function countRequests(t: SandboxTopology, o: Observation): RequestCounts {
  const zero = () => Object.fromEntries(t.endpoints.map((e) => [e.id, 0])) as Record<string, number>;
  const fhir = zero();
  const preflights = zero();
  const sessionReads = zero();
  const isData = (r: { url: string }) => !new URL(r.url).pathname.endsWith(DISCOVERY);
  // The DevTools protocol's view: Playwright does not report every request (the audit
  // writes never reach its events); its own list is the fallback.
  const sent = o.sent.length > 0 ? o.sent : o.requests;
  for (const r of sent) {
    const id = endpointOf(t, r.url);
    if (id && isData(r)) {
      fhir[id]! += 1;
      if (SESSION_READ.test(r.url)) sessionReads[id]! += 1;
    }
  }
  for (const p of o.preflights) {
    const id = endpointOf(t, p.url);
    if (id && isData(p)) preflights[id]! += 1;
  }
  const on = (origin: string, rs: Array<{ url: string }>) => rs.filter((r) => r.url.startsWith(`${origin}/`)).length;
  return { fhir, preflights, sessionReads, authServer: on(t.authIssuer, sent), appOrigin: on(t.appOrigin, sent) };
}

/**
 * The ends of the FHIR responses the app's document saw (Resource Timing, reported with
 * the painted event), on the wall clock: the page's Date.now() − performance.now() + the
 * entry's time.
 */
export function responseEnds(o: Observation): Array<{ url: string; start: number; end: number }> {
  const painted = o.events.find((e) => e.name === 'painted');
  if (!painted?.fhirTimings) return [];
  const origin = painted.t - painted.p;
  return [...painted.fhirTimings, ...(painted.serviceTimings ?? [])].map((r) => ({ url: r.url, start: origin + r.start, end: origin + r.end }));
}

/**
 * Where the time from the permission decision to "Complete" went, in milliseconds, from
 * Resource Timing (responseEnds) and the probe: the decision → the permission AuditEvent
 * answered (the first answer from the audit service sent after the decision) → the last
 * organisation's request sent → the first organisation's answer → the last → "Complete".
 * The five add up to the measured time. Undefined without a decision or a complete summary.
 */
export function phases(t: SandboxTopology, o: Observation): Record<'permission' | 'toLastSent' | 'toFirstAnswer' | 'answerSpread' | 'toComplete', number> | undefined {
  const complete = o.events.find(isComplete)?.t;
  if (o.permissionAt === undefined || complete === undefined) return undefined;
  const audit = new URL(t.audit.baseUrl).origin;
  const ends = responseEnds(o).filter((r) => r.start >= o.permissionAt!);
  const permission = ends.filter((r) => r.url.startsWith(`${audit}/`)).sort((a, b) => a.start - b.start)[0];
  const data = ends.filter((r) => endpointOf(t, r.url) !== undefined && (!permission || r.start >= permission.end));
  if (!permission || data.length === 0) return undefined;
  const lastSent = Math.max(...data.map((r) => r.start));
  const first = Math.min(...data.map((r) => r.end));
  const last = Math.max(...data.map((r) => r.end));
  return {
    permission: permission.end - o.permissionAt,
    toLastSent: lastSent - permission.end,
    toFirstAnswer: first - lastSent,
    answerSpread: last - first,
    toComplete: complete - last,
  };
}

/**
 * A compact timeline of a launch, in round trips from `from`, for bench/results. `served`:
 * the sandbox's own account of the requests it answered meanwhile (http-util.ts
 * observeServedRequests), one line each at the moment its handler started: how long it
 * waited after its latency (behind this one process's other work) and how long it took
 * to answer from there (its own work and whatever other handlers did in between: they
 * interleave at every await).
 */
export function timeline(t: SandboxTopology, o: Observation, from: number, latencyMs: number, served: ServedRequest[] = []): string[] {
  const label = (url: string) => {
    const u = new URL(url);
    const who =
      u.origin === t.appOrigin ? 'app' : u.origin === t.authIssuer ? 'auth' : (endpointOf(t, url) ?? t.hosts.find((h) => h.origin === u.origin)?.id ?? u.origin);
    return `${who} ${u.pathname}${u.search ? `?${u.search.slice(1, 60)}` : ''}`;
  };
  const rows = [
    ...o.requests.map((r) => ({ start: r.start, text: `${r.method} ${label(r.url)} ${r.status ?? r.failure ?? ''}` })),
    ...o.preflights.map((p) => ({ start: p.start, text: `OPTIONS (preflight) ${label(p.url)}` })),
    ...o.sent.filter((c) => !o.requests.some((r) => r.url === c.url)).map((c) => ({ start: c.start, text: `${c.method} ${label(c.url)} (keepalive or unreported: seen by CDP only)` })),
    ...o.events.filter((e) => e.name !== 'sources' || isComplete(e)).map((e) => ({ start: e.t, text: `== ${e.name}${e.overall ? `: ${e.overall}` : ''}` })),
    ...(o.permissionAt ? [{ start: o.permissionAt, text: '== permission decision (click)' }] : []),
    ...responseEnds(o).map((r) => ({ start: r.end, text: `<- answered: ${label(r.url)} (sent at ${((r.start - from) / latencyMs).toFixed(2)} L)` })),
    ...served
      .filter((s) => s.arrived >= from)
      .map((s) => ({
        start: s.started,
        text: `[sandbox] ${s.server} ${s.method} ${s.url.split('?')[0]}: started ${Math.max(0, s.started - s.arrived - s.latencyMs).toFixed(1)} ms after its latency, answered ${(s.finished - s.started).toFixed(1)} ms later`,
      })),
  ].sort((a, b) => a.start - b.start);
  return rows.map((r) => `${((r.start - from) / latencyMs).toFixed(2).padStart(7)} L  ${r.text}`);
}
