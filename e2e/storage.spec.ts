import { chromium, expect, test, type Frame, type Page } from '@playwright/test';
import type { Condition, MedicationRequest } from 'fhir/r4';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchFromHost, overall } from './helpers';
import { topology, world } from './sandbox';

/**
 * "Nothing stored": clinical data lives in the page's memory only. After a session in a
 * real Chromium profile on disk, none of the patient's names, NHS number or clinical codes
 * is found in localStorage, sessionStorage, IndexedDB, Cache Storage, a service worker,
 * or anywhere in the profile directory (which holds Chromium's HTTP disk cache); every
 * answer from a FHIR server says `no-store`. Two tabs for two patients never mix.
 */

const SIX = world.cases.sixOrganisations;
const person = (key: string) => world.people.find((p) => p.key === key)!;

/** Strings that would betray this person's record if they were stored: names, NHS number, codes and medicines. */
function clinicalStrings(key: string): string[] {
  const p = person(key);
  const theirs = Object.entries(p.patientIds).flatMap(([endpointId, id]) =>
    (world.byEndpoint[endpointId] ?? []).filter((r) => JSON.stringify(r).includes(`"Patient/${id}"`)),
  );
  const conditions = theirs.filter((r): r is Condition => r.resourceType === 'Condition').flatMap((c) => c.code?.coding ?? []);
  const medicines = theirs
    .filter((r): r is MedicationRequest => r.resourceType === 'MedicationRequest')
    .flatMap((m) => m.medicationCodeableConcept?.coding ?? []);
  const strings = [
    p.nhsNumber,
    p.nhsNumber.replace(/^(\d{3})(\d{3})(\d{4})$/, '$1 $2 $3'),
    p.family,
    p.family.toUpperCase(),
    ...conditions.flatMap((c) => [c.code ?? '', c.display ?? '']),
    ...medicines.flatMap((c) => [c.code ?? '', c.display ?? '']),
  ];
  return [...new Set(strings.filter((s) => s.length >= 6))];
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** Every file of the profile holding any needle, as UTF-8/Latin-1 or UTF-16LE (LevelDB keeps both). */
async function findInProfile(dir: string, needles: string[]): Promise<{ file: string; needle: string }[]> {
  const found: { file: string; needle: string }[] = [];
  for (const file of await filesUnder(dir)) {
    if ((await stat(file)).size > 50_000_000) continue;
    const bytes = await readFile(file).catch(() => undefined);
    if (!bytes) continue;
    for (const needle of needles) {
      if (bytes.includes(Buffer.from(needle, 'utf8')) || bytes.includes(Buffer.from(needle, 'utf16le'))) found.push({ file: file.slice(dir.length), needle });
    }
  }
  return found;
}

function appFrame(page: Page): Frame {
  const frame = page.frames().find((f) => f.url().startsWith(topology.appOrigin));
  if (!frame) throw new Error('the app frame is not there');
  return frame;
}

/** What the app's origin keeps in the browser, read from inside it. */
async function originStorage(frame: Frame) {
  return frame.evaluate(async () => ({
    local: Object.fromEntries(Object.entries(localStorage)),
    session: Object.fromEntries(Object.entries(sessionStorage)),
    indexedDb: (await indexedDB.databases()).map((d) => d.name),
    caches: await caches.keys(),
    serviceWorkers: (await navigator.serviceWorker.getRegistrations()).length,
  }));
}

test('after a session nothing of the record is stored: web storage, IndexedDB, Cache Storage, service workers or the HTTP cache', async ({}, info) => {
  test.setTimeout(120_000);
  const profile = await mkdtemp(join(tmpdir(), 'mcr-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const fhirOrigins = new Set([...topology.endpoints.map((e) => new URL(e.baseUrl).origin), new URL(topology.audit.baseUrl).origin, new URL(topology.objectionRegister.baseUrl).origin]);
    const cacheable: string[] = [];
    let fhirAnswers = 0;
    page.on('response', (res) => {
      if (!fhirOrigins.has(new URL(res.url()).origin) || res.request().method() === 'OPTIONS') return;
      fhirAnswers += 1;
      if (!/no-store/.test(res.headers()['cache-control'] ?? '')) cacheable.push(`${res.status()} ${res.url()}`);
    });
    const { app } = await launchFromHost(page, 'gp', SIX);
    await expect(overall(app)).toHaveText(/^Complete: all 8 organisations answered/, { timeout: 60_000 });
    await expect(app.getByRole('region', { name: 'Medications' })).toContainText(/\w/);

    // Every FHIR, audit and register answer told the browser not to keep it.
    expect(fhirAnswers).toBeGreaterThan(20);
    expect(cacheable).toEqual([]);

    // While the session is open: no clinical data in any of the origin's stores (the launch's token state alone is in sessionStorage).
    const needles = clinicalStrings(SIX);
    expect(needles.length).toBeGreaterThan(10);
    const during = await originStorage(appFrame(page));
    expect(during.local).toEqual({});
    expect(during.indexedDb).toEqual([]);
    expect(during.caches).toEqual([]);
    expect(during.serviceWorkers).toBe(0);
    const sessionText = JSON.stringify(during.session);
    for (const n of needles) expect(sessionText, n).not.toContain(n);

    // The session ends with the tab: afterwards the origin keeps nothing at all.
    await page.close({ runBeforeUnload: true });
    const after = await context.newPage();
    await after.goto(`${topology.appOrigin}/`);
    const left = await after.evaluate(async () => ({
      local: localStorage.length,
      session: sessionStorage.length,
      indexedDb: (await indexedDB.databases()).length,
      caches: (await caches.keys()).length,
      serviceWorkers: (await navigator.serviceWorker.getRegistrations()).length,
    }));
    expect(left).toEqual({ local: 0, session: 0, indexedDb: 0, caches: 0, serviceWorkers: 0 });
  } finally {
    await context.close();
  }

  // On disk: the whole profile, Chromium's HTTP cache (Default/Cache) included. As a control, the
  // app's own script (served cacheable for a year) must be found there: the scan does see the cache.
  const control = await findInProfile(profile, ['Record and continue']);
  expect(control.some((f) => f.file.includes('Cache')), JSON.stringify(control)).toBe(true);
  const leaks = await findInProfile(profile, clinicalStrings(SIX));
  await info.attach('profile-scan.json', { body: JSON.stringify({ control, leaks }, null, 2), contentType: 'application/json' });
  expect(leaks).toEqual([]);
  await rm(profile, { recursive: true, force: true });
});

test('two tabs launched for two patients never mix their records', async ({ context }) => {
  test.setTimeout(120_000);
  const first = await context.newPage();
  const second = await context.newPage();
  const a = await launchFromHost(first, 'gp', 'whitfield-margaret');
  const b = await launchFromHost(second, 'gp', SIX);
  for (const { app } of [a, b]) await expect(overall(app)).toContainText(/Complete|Incomplete/, { timeout: 60_000 });
  for (const [mine, other] of [[a, b], [b, a]] as const) {
    const banner = mine.app.getByRole('region', { name: /patient/i }).first();
    await expect(banner).toContainText(mine.expected.family);
    await expect(banner).toContainText(mine.expected.nhsNumberDisplay);
    const text = (await mine.app.locator('body').textContent()) ?? '';
    expect(text).not.toContain(other.expected.nhsNumberDisplay);
    expect(text.toUpperCase()).not.toContain(other.expected.family);
    // Nothing of the other person's record (their conditions and medicines) is on this tab.
    const theirs = clinicalStrings(other.expected.person.key).filter((s) => !/^\d+$/.test(s));
    const mineToo = new Set(clinicalStrings(mine.expected.person.key));
    for (const s of theirs.filter((x) => !mineToo.has(x))) expect(text, s).not.toContain(s);
  }
});


