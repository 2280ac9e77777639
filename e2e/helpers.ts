import { expect, type FrameLocator, type Page } from '@playwright/test';
import type { AuditEvent } from 'fhir/r4';
import type { EndpointFault } from '../mocks/sandbox/faults';
import { defaultEnforcement, type Enforcement } from '../mocks/sandbox/fhir/enforcement';
import type { ServiceFault } from '../mocks/sandbox/governance-services';
import { PERMISSION_TEXT, type PermissionBasis } from '../src/domain/policy/permission';
import { patientAt, topology } from './sandbox';
import axe from 'axe-core';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Frame, Route, TestInfo } from '@playwright/test';

/** Sets one endpoint's fault through the running sandbox's admin API. */
export async function setFault(endpointId: string, fault: Partial<EndpointFault>): Promise<void> {
  const res = await fetch(`${topology.homeOrigin}/admin/faults/${endpointId}`, {
    method: 'PUT',
    body: JSON.stringify({ mode: 'none', latencyMs: 0, ...fault }),
  });
  expect(res.status, await res.text()).toBe(200);
}

export async function clearFaults(): Promise<void> {
  await Promise.all(topology.endpoints.map((e) => setFault(e.id, {})));
}

/**
 * Opens a host system and launches the viewer for one person inside its iframe, then
 * records the basis for viewing (the patient's permission unless told otherwise; `null`
 * leaves the question unanswered) as a user must before anything is retrieved.
 */
export async function launchFromHost(page: Page, hostId: string, personKey?: string, opts: { permission?: PermissionBasis | null } = {}) {
  const host = topology.hosts.find((h) => h.id === hostId)!;
  const expected = patientAt(host, personKey);
  await page.goto(`${host.origin}/`);
  await page.getByRole('button', { name: `Open My Care Record for ${expected.hostListName}`, exact: true }).click();
  const app = page.frameLocator('#app-frame');
  const permission = opts.permission === undefined ? 'patient-consented' : opts.permission;
  if (permission) await recordPermission(app, permission);
  return { host, expected, app };
}

/** Answers "Permission to view" and waits until the decision is stored and the record may load. */
export async function recordPermission(app: FrameLocator, basis: PermissionBasis) {
  await app.getByRole('radio', { name: PERMISSION_TEXT[basis] }).check({ timeout: 30_000 });
  const record = app.getByRole('button', { name: 'Record and continue' });
  await expect(record).toBeEnabled({ timeout: 15_000 });
  await record.click();
  await expect(app.getByText(/^Viewing on this basis|^Nothing has been retrieved|^The record is hidden/)).toBeVisible({ timeout: 15_000 });
}

/** Every AuditEvent the sandbox's audit repository received, in order (optionally since an instant). */
export async function auditEvents(since?: string): Promise<{ event: AuditEvent; receivedAt: string }[]> {
  const all = (await (await fetch(`${topology.homeOrigin}/admin/audit-events`)).json()) as { event: AuditEvent; receivedAt: string }[];
  return since ? all.filter((s) => s.receivedAt >= since) : all;
}

/** Sets whether one endpoint withholds objected and labelled records on its own side. */
export async function setEnforcement(endpointId: string, enforcement: Enforcement): Promise<void> {
  const res = await fetch(`${topology.homeOrigin}/admin/enforcement/${endpointId}`, { method: 'PUT', body: JSON.stringify(enforcement) });
  expect(res.status, await res.text()).toBe(200);
}

/** Makes the audit repository or the objection register fail (or recover). */
export async function setServiceFault(id: 'audit' | 'objection-register', mode: ServiceFault): Promise<void> {
  const res = await fetch(`${topology.homeOrigin}/admin/service-faults/${id}`, { method: 'PUT', body: JSON.stringify({ mode }) });
  expect(res.status, await res.text()).toBe(200);
}

/** Back to the sandbox's defaults: enforcement as at start, both services healthy. */
export async function resetGovernance(): Promise<void> {
  await Promise.all(topology.endpoints.map((e) => setEnforcement(e.id, defaultEnforcement(e.id))));
  await Promise.all([setServiceFault('audit', 'none'), setServiceFault('objection-register', 'none')]);
}

export const organisation = (endpointId: string) => topology.endpoints.find((e) => e.id === endpointId)!.organisationName;

/** One organisation's line in the source status strip. */
export function sourceLine(app: FrameLocator, endpointId: string) {
  return app.getByRole('region', { name: 'Sources' }).getByRole('listitem').filter({ hasText: organisation(endpointId) });
}

export function overall(app: FrameLocator) {
  return app.getByRole('region', { name: 'Sources' }).getByRole('status');
}

export function section(app: FrameLocator, name: 'Alerts' | 'Medications' | 'Encounters' | 'Care plans') {
  return app.getByRole('region', { name, exact: true });
}

// ---- Summary, detail and accessibility (issue "The read-only summary") ----


/** The viewer's frame inside the host page (the frame of #app-frame), for evaluating scripts in it. */
export async function appFrame(page: Page): Promise<Frame> {
  const frame = await (await page.locator('#app-frame').elementHandle())?.contentFrame();
  if (!frame) throw new Error('the host page has no app frame');
  return frame;
}

/**
 * Answers "Permission to view" (the patient gave permission) when the viewer asks it
 * before retrieving anything; does nothing when the record goes straight to its sources.
 */
export async function passPermissionStep(app: FrameLocator | Page): Promise<void> {
  const permission = app.getByRole('region', { name: 'Permission to view' });
  const sources = app.getByRole('region', { name: 'Sources' });
  await expect(permission.or(sources).first()).toBeVisible({ timeout: 30_000 });
  if (await permission.isVisible()) {
    await permission.getByRole('radio', { name: /patient gave permission/i }).check();
    await permission.getByRole('button', { name: 'Record and continue' }).click();
    await expect(sources).toBeVisible({ timeout: 30_000 });
  }
}

/** Launches for one person, gives the basis for viewing, and returns once the sources are listed. */
export async function launchToRecord(page: Page, hostId: string, personKey?: string) {
  const launched = await launchFromHost(page, hostId, personKey);
  await passPermissionStep(launched.app);
  return launched;
}

/** Launches for one person and waits until every organisation has answered in full. */
export async function launchComplete(page: Page, hostId: string, personKey?: string, timeout = 45_000) {
  const launched = await launchToRecord(page, hostId, personKey);
  await expect(overall(launched.app)).toHaveText(/^Complete: all \d+ organisations answered/, { timeout });
  return launched;
}

/** The WCAG 2.0–2.2 A and AA rules; axe's best practices are not part of the bar. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Runs axe-core inside the viewer's frame and expects no violations, printing them when
 * there are. axe's source is evaluated through the DevTools protocol: the app's CSP
 * (script-src 'self') rightly refuses an injected <script>.
 */
export async function expectNoAxeViolations(page: Page, state: string): Promise<void> {
  const frame = await appFrame(page);
  await frame.evaluate(axe.source);
  const axeResult = await frame.evaluate(async (runOnly) => {
    const run = (window as unknown as { axe: typeof axe }).axe.run;
    const result = await run(document, { runOnly: { type: 'tag', values: runOnly } });
    return {
      passed: result.passes.length,
      violations: result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`) })),
    };
  }, WCAG_TAGS);
  if (axeResult.violations.length > 0) console.log(`axe violations (${state}):\n${JSON.stringify(axeResult.violations, null, 2)}`);
  // A run that checked nothing would pass too: make sure axe really looked at the page.
  expect(axeResult.passed, `axe-core rules that passed in state "${state}"`).toBeGreaterThan(10);
  expect(axeResult.violations, `axe-core WCAG A/AA violations in state "${state}"`).toEqual([]);
}

/** Where screenshots go: a fixed path a reader of the test output can open (not per test). */
export const SCREENSHOT_DIR = join(import.meta.dirname, '..', 'test-results', 'screenshots');

/** Saves a screenshot at test-results/screenshots/<name>.png, attaches it to the HTML report and prints its path. */
export async function saveScreenshot(page: Page, info: TestInfo, name: string, fullPage = false): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  const body = await page.screenshot({ path, fullPage });
  await info.attach(name, { body, contentType: 'image/png' });
  console.log(`Screenshot: ${path}`);
  return path;
}

/**
 * Rewrites every FHIR JSON answer from one endpoint (searches, pages and batch answers
 * alike) as it reaches the browser; CORS headers and status are the server's own.
 */
export async function rewriteFhir(page: Page, endpointId: string, edit: (body: unknown) => void): Promise<void> {
  const base = topology.endpoints.find((e) => e.id === endpointId)!.baseUrl;
  // A predicate, not a glob: a batch is POSTed to the base itself, which `${base}/**` would miss.
  await page.route((url) => url.href === base || url.href.startsWith(`${base}/`) || url.href.startsWith(`${base}?`), async (route: Route) => {
    const url = route.request().url();
    if (url.includes('/.well-known/') || url.endsWith('/metadata') || route.request().method() === 'OPTIONS') return route.continue();
    const response = await route.fetch();
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return route.fulfill({ response, body: text });
    }
    edit(body);
    await route.fulfill({ response, json: body });
  });
}

/** Calls `visit` for every FHIR resource inside a JSON answer (bundles within bundles included). */
export function eachResource(body: unknown, visit: (r: Record<string, unknown>) => void): void {
  if (Array.isArray(body)) return body.forEach((b) => eachResource(b, visit));
  if (!body || typeof body !== 'object') return;
  const o = body as Record<string, unknown>;
  if (typeof o.resourceType === 'string') visit(o);
  for (const v of Object.values(o)) if (v && typeof v === 'object') eachResource(v, visit);
}

export interface NetworkEvent {
  seq: number;
  kind: 'request' | 'response' | 'finished' | 'failed';
  url: string;
  method: string;
  headers: Record<string, string>;
  postData?: string;
  status?: number;
}

/**
 * Records every request of the page and of every frame in it (the host's iframe, the
 * silent sign-in iframes), in the order the browser reports them: when each starts and
 * when it is answered (status line and headers) and when it finishes. For promises about
 * the traffic itself (nothing asked before…).
 */
export function recordNetwork(page: Page): NetworkEvent[] {
  const log: NetworkEvent[] = [];
  let seq = 0;
  const base = (r: import('@playwright/test').Request) => ({ url: r.url(), method: r.method(), headers: r.headers(), ...(r.postData() ? { postData: r.postData()! } : {}) });
  page.on('request', (r) => log.push({ seq: seq++, kind: 'request', ...base(r) }));
  // The answer's status line and headers: what the app's fetch resolves with. Chromium's
  // DevTools sometimes reports a POST that the page read in full as failed (net::ERR_ABORTED)
  // instead of finished, so a test that asks "was it answered, and when" looks here.
  page.on('response', (res) => log.push({ seq: seq++, kind: 'response', ...base(res.request()), status: res.status() }));
  page.on('requestfinished', (r) => log.push({ seq: seq++, kind: 'finished', ...base(r) }));
  page.on('requestfailed', (r) => log.push({ seq: seq++, kind: 'failed', ...base(r) }));
  return log;
}

/**
 * The probe the viewer sends while the user reads the permission question: a batch whose
 * only entries ask for `metadata` (what the server offers), no patient data.
 */
export function isProbe(e: { postData?: string }): boolean {
  if (!e.postData) return false;
  try {
    const entries = (JSON.parse(e.postData) as { entry?: { request?: { method?: string; url?: string } }[] }).entry ?? [];
    return entries.length > 0 && entries.every((x) => x.request?.method === 'GET' && x.request.url === 'metadata');
  } catch {
    return false;
  }
}

/**
 * A request for patient data: anything at a regional endpoint or the objection register
 * but discovery (metadata, .well-known, the probe), the signed-in user's own resources and the
 * launch context's Patient read at the launching server (which shows who the patient is
 * before the question is asked, and is audited with the decision). A batch at a base is
 * judged by what its entries ask for (the launch's reads go as batches of one at the base:
 * docs/adr/0010); `launchPatientPath` is that Patient's path, or a pattern for any.
 */
export function isPatientDataRequest(e: Pick<NetworkEvent, 'url'> & { postData?: string }, launchPatientPath?: string | RegExp): boolean {
  const bases = [...topology.endpoints.map((x) => x.baseUrl), topology.objectionRegister.baseUrl];
  const base = bases.find((b) => e.url.startsWith(`${b}/`) || e.url === b);
  if (!base) return false;
  if (isProbe(e)) return false;
  const paths = (e.url === base ? batchEntryPaths(e, base) : undefined) ?? [new URL(e.url).pathname];
  return paths.some((path) => {
    if (/\/(metadata|\.well-known\/smart-configuration)$/.test(path)) return false;
    if (/\/(Practitioner\/[^/]+|PractitionerRole(\/[^/]+)?)$/.test(path)) return false;
    if (launchPatientPath === undefined) return true;
    return typeof launchPatientPath === 'string' ? path !== launchPatientPath : !launchPatientPath.test(path);
  });
}

/** The paths a batch POSTed at `base` asks for (each entry's URL, its query dropped), or undefined if it is not a batch. */
function batchEntryPaths(e: { postData?: string }, base: string): string[] | undefined {
  if (!e.postData) return undefined;
  try {
    const bundle = JSON.parse(e.postData) as { resourceType?: string; type?: string; entry?: { request?: { url?: string } }[] };
    if (bundle.resourceType !== 'Bundle' || bundle.type !== 'batch') return undefined;
    return (bundle.entry ?? []).map((x) => new URL(`${base}/${(x.request?.url ?? '').replace(/^\/+/, '')}`).pathname);
  } catch {
    return undefined;
  }
}
