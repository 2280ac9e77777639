import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import type { AuditEvent } from 'fhir/r4';
import { generateWorld } from '../mocks/data/world';
import { sandboxTopology } from '../mocks/sandbox/topology';
import { recordPermission, saveScreenshot } from './helpers';
import { ownSandbox } from './own-sandbox';
import { E2E_PORT_BASE } from './ports';

/**
 * A region: a second sandbox started with SANDBOX_ENDPOINTS=100 (its own ports, the
 * record locator named in its configuration). Eleanor Ashby is known to exactly five
 * organisations; the expectations are read from the same synthetic world the sandbox
 * serves, not written by hand.
 */
const topology = sandboxTopology(E2E_PORT_BASE + 700, 100);
const world = generateWorld({ topology });
const person = world.people.find((p) => p.key === world.cases.knownToFive)!;
const knownTo = topology.endpoints.filter((e) => person.patientIds[e.id] !== undefined);
const others = topology.endpoints.filter((e) => person.patientIds[e.id] === undefined);
const sandbox = ownSandbox(topology.portBase, { SANDBOX_ENDPOINTS: '100' }, 140_000);

test.describe.configure({ timeout: 180_000 });

test.beforeAll(async () => {
  test.setTimeout(150_000);
  const out = await sandbox.start();
  expect(out).toContain(`100 organisations' FHIR endpoints   Record locator: ${topology.recordLocator.baseUrl}`);
});

test.afterAll(() => sandbox.stop());

async function setLocatorFault(mode: 'none' | 'http-500') {
  const res = await fetch(`${topology.homeOrigin}/admin/service-faults/record-locator`, { method: 'PUT', body: JSON.stringify({ mode }) });
  expect(res.status, await res.text()).toBe(200);
}

async function auditSince(since: string): Promise<AuditEvent[]> {
  const all = (await (await fetch(`${topology.homeOrigin}/admin/audit-events`)).json()) as { event: AuditEvent; receivedAt: string }[];
  return all.filter((s) => s.receivedAt >= since).map((s) => s.event);
}

/** The base URLs of the servers each audited search went to. */
const searchedBases = (events: AuditEvent[]) =>
  new Set(events.filter((e) => e.subtype?.some((s) => s.code === 'search')).flatMap((e) => (e.entity ?? []).flatMap((en) => (en.description?.startsWith('GET ') ? [en.description.slice(4)] : []))).map((url) => {
    const found = [...topology.endpoints.map((x) => x.baseUrl), topology.recordLocator.baseUrl, topology.objectionRegister.baseUrl].find((b) => url.startsWith(`${b}/`));
    return found ?? url;
  }));

async function launch(page: Page): Promise<FrameLocator> {
  const hospital = topology.hosts.find((h) => h.id === 'hospital')!;
  await page.goto(`${hospital.origin}/`);
  await page.getByRole('button', { name: `Open My Care Record for ${person.family.toUpperCase()}, ${person.given}`, exact: true }).click();
  const app = page.frameLocator('#app-frame');
  await recordPermission(app, 'patient-consented');
  return app;
}

const sources = (app: FrameLocator) => app.getByRole('region', { name: 'Sources' }).locator('li.source');

test('a patient known to five of 100 organisations: exactly those five are asked and shown, the rest once as not known to hold records', async ({ page }) => {
  expect(knownTo).toHaveLength(5);
  const since = new Date().toISOString();
  // No request refused along the way (the browser logs each, e.g. a batch the locator does not take),
  // but the one expected: the locator's _search warmed before the decision with a search that names
  // no one, which an NRL-shaped locator refuses (docs/adr/0011; its preflight is what was wanted).
  const refused: string[] = [];
  page.on('response', (r) => {
    if (r.status() < 400) return;
    const warmUp = r.request().method() === 'POST' && r.url() === `${topology.recordLocator.baseUrl}/DocumentReference/_search` && r.request().postData() === '_id=no-such-resource';
    refused.push(`${r.status()} ${r.request().method()} ${r.url()}${warmUp ? ' (warm-up)' : ''}`);
  });
  // No request at all (discovery, a token-less warm-up, a search) goes to an organisation neither located nor the registered practice.
  const otherOrigins = new Set(others.map((e) => new URL(e.baseUrl).origin));
  const toOthers: string[] = [];
  page.on('request', (r) => {
    if (otherOrigins.has(new URL(r.url()).origin)) toOthers.push(`${r.method()} ${r.url()}`);
  });
  const app = await launch(page);
  await expect(app.getByRole('heading', { name: `${others.length} organisations are not known to hold records for this person` })).toBeVisible({ timeout: 30_000 });
  await expect(sources(app)).toHaveCount(5);
  for (const e of knownTo) await expect(sources(app).filter({ hasText: e.organisationName })).toContainText('Up to date', { timeout: 60_000 });
  await app.getByText('Organisations not known to hold records').click();
  const list = app.locator('.locator-not-known-list li');
  await expect(list).toHaveCount(others.length);
  await expect(list.filter({ hasText: 'Riverside Medical Practice' })).toHaveText('Riverside Medical Practice: not known to hold records');
  // Requests (each audited) went only to the five, the locator and the register.
  await expect.poll(async () => [...searchedBases(await auditSince(since))].sort(), { timeout: 20_000 }).toEqual(
    [...knownTo.map((e) => e.baseUrl), topology.recordLocator.baseUrl, topology.objectionRegister.baseUrl].sort(),
  );
  expect(refused).toEqual([`400 POST ${topology.recordLocator.baseUrl}/DocumentReference/_search (warm-up)`]);
  expect(toOthers).toEqual([]);
});

test('the registered practice and the launching organisation are asked at once; the record reads "Still loading" until the locator has answered', async ({ page }, info) => {
  const hospital = topology.endpoints.find((e) => e.id === topology.hosts.find((h) => h.id === 'hospital')!.endpointId)!;
  // Hold the locator's answer until the early part of the record has been seen.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route(`${topology.recordLocator.baseUrl}/DocumentReference**`, async (route) => {
    // The search for this person (POST _search, or GET where that is refused), not the warm-up before the decision.
    if (route.request().method() === 'GET' || route.request().postData()?.includes('subject')) await held;
    await route.continue();
  });
  const app = await launch(page);
  const waiting = 'Other organisations (the record locator is being asked which hold records)';
  await expect(sources(app).filter({ hasText: hospital.organisationName })).toContainText('Up to date', { timeout: 60_000 });
  await expect(sources(app)).toHaveCount(3); // the launching hospital, the registered practice, and the line for the rest
  await expect(sources(app).filter({ hasText: waiting })).toContainText('Waiting');
  await expect(app.locator('.source-overall')).toContainText(`Still loading: ${waiting}`);
  await expect(app.locator('.source-overall')).not.toContainText('Complete');
  await saveScreenshot(page, info, 'region-before-locator');
  release();
  await expect(sources(app)).toHaveCount(5, { timeout: 30_000 });
  await expect(app.locator('.source-overall')).toContainText('Complete: all 5 organisations answered', { timeout: 60_000 });
  await saveScreenshot(page, info, 'region-after-locator');
});

test('“Ask every organisation” is recorded in the audit trail before any of the others is asked', async ({ page }) => {
  const since = new Date().toISOString();
  const app = await launch(page);
  await expect(sources(app)).toHaveCount(5, { timeout: 30_000 });
  await app.getByRole('button', { name: 'Ask every organisation' }).click();
  const askedAt = async () => {
    const all = (await (await fetch(`${topology.homeOrigin}/admin/audit-events`)).json()) as { event: AuditEvent; receivedAt: string }[];
    return all.filter((s) => s.receivedAt >= since);
  };
  await expect
    .poll(async () => (await askedAt()).filter((s) => s.event.subtype?.some((c) => c.code === 'asked-every-organisation')).map((s) => s.event.entity?.[1]?.description))
    .toEqual([`Asked every organisation, including ${others.length} the record locator did not name`]);
  await expect(app.getByText('Every organisation is asked, as you chose')).toBeVisible();
  await expect(sources(app)).toHaveCount(100);
  await expect(app.getByRole('button', { name: 'Ask every organisation' })).toHaveCount(0);
  // Some of the other organisations are then searched, each search audited, and none before the choice was recorded.
  const otherBases = new Set(others.map((e) => e.baseUrl));
  await expect.poll(async () => [...searchedBases((await askedAt()).map((s) => s.event))].filter((b) => otherBases.has(b)).length, { timeout: 60_000 }).toBeGreaterThan(0);
  const events = await askedAt();
  const choice = events.find((s) => s.event.subtype?.some((c) => c.code === 'asked-every-organisation'))!;
  for (const s of events) if ([...searchedBases([s.event])].some((b) => otherBases.has(b))) expect(s.receivedAt >= choice.receivedAt).toBe(true);
});

test('a failing locator falls back visibly: every organisation is asked, and the page says why', async ({ page }) => {
  await setLocatorFault('http-500');
  try {
    const app = await launch(page);
    await expect(app.getByText(`The record locator could not be asked, so every organisation (100) is being asked instead.`)).toBeVisible({ timeout: 30_000 });
    await expect(sources(app)).toHaveCount(100);
    await expect(app.getByRole('button', { name: 'Ask every organisation' })).toHaveCount(0);
    await expect(app.getByText(/organisations are not known to hold records/)).toHaveCount(0);
  } finally {
    await setLocatorFault('none');
  }
});

test('one sign-in at the authorisation server serves every organisation, and each token is accepted by its own endpoint only', async ({ page }) => {
  const authPath = `${topology.authIssuer}/auth`;
  const signIns: string[] = [];
  const tokens = new Map<string, string>(); // FHIR base → the bearer token the viewer sent there
  const bases = [...topology.endpoints.map((e) => e.baseUrl), topology.audit.baseUrl, topology.objectionRegister.baseUrl, topology.recordLocator.baseUrl];
  page.on('request', (r) => {
    // Authorization requests (the interaction's own /auth/<uid> resumption is not one).
    if (r.url().startsWith(`${authPath}?`)) signIns.push(r.url());
    const auth = r.headers()['authorization'];
    const base = bases.find((b) => r.url() === b || r.url().startsWith(`${b}/`) || r.url().startsWith(`${b}?`));
    if (auth && base) tokens.set(base, auth);
  });
  const app = await launch(page);
  for (const e of knownTo) await expect(sources(app).filter({ hasText: e.organisationName })).toContainText('Up to date', { timeout: 60_000 });
  // The launch's own authorization, then one for everything else: not one per organisation.
  expect(signIns.length, signIns.join('\n')).toBe(2);
  const second = new URL(signIns[1]!);
  expect(second.searchParams.getAll('resource').sort()).toEqual(
    [...topology.endpoints.filter((e) => e.id !== 'ouse-valley-acute').map((e) => e.baseUrl), topology.audit.baseUrl, topology.objectionRegister.baseUrl, topology.recordLocator.baseUrl].sort(),
  );
  // Every asked organisation and service got a token of its own…
  const asked = [...knownTo.map((e) => e.baseUrl), topology.audit.baseUrl, topology.objectionRegister.baseUrl, topology.recordLocator.baseUrl];
  for (const b of asked) expect(tokens.has(b), b).toBe(true);
  expect(new Set(asked.map((b) => tokens.get(b))).size).toBe(asked.length);
  // …that its own endpoint accepts and every other refuses (RFC 8707 audience, checked by each server).
  const probe = (base: string) => (base === topology.audit.baseUrl ? `${base}/AuditEvent?_count=1` : base === topology.objectionRegister.baseUrl ? `${base}/Consent?_count=1` : base === topology.recordLocator.baseUrl ? `${base}/DocumentReference?_count=1` : `${base}/Patient?_count=1`);
  for (const owner of asked) {
    for (const at of asked) {
      const res = await fetch(probe(at), { headers: { authorization: tokens.get(owner)! } });
      // Accepted there (a service may still refuse a search it does not offer, 400/403, but not the token).
      if (at === owner) expect(res.status, `${owner} token at its own endpoint`).not.toBe(401);
      else expect(res.status, `${owner} token at ${at}`).toBe(401);
    }
  }
});
