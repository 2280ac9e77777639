import { expect, test, type FrameLocator, type Page, type Request } from '@playwright/test';
import type { FhirResource } from 'fhir/r4';
import { appFrame, eachResource, launchComplete, organisation, passPermissionStep, rewriteFhir, saveScreenshot, section } from './helpers';
import { patientAt, topology, world } from './sandbox';

/**
 * Issue "The read-only summary that a clinician or a social worker takes in at a glance":
 * every section with its organisations, in the order for the signed-in user's role, in
 * each host's 1024×700 frame; the encounter filters; the detail view by keyboard with a
 * hostile narrative; the timeline picture; the large record; and only reads on the wire.
 * Real sandbox, real launches, Chromium in a UK workstation's locale and time zone.
 */

test.use({ locale: 'en-GB', timezoneId: 'Europe/London' });

const TYPICAL = 'whitfield-margaret';
const person = (key: string) => world.people.find((p) => p.key === key)!;

/** This person's resources of one type at one organisation, straight from the synthetic world. */
function held<T extends FhirResource['resourceType']>(key: string, endpointId: string, type: T) {
  const id = person(key).patientIds[endpointId];
  return (world.byEndpoint[endpointId] ?? []).filter(
    (r) => r.resourceType === type && (r as { subject?: { reference?: string } }).subject?.reference === `Patient/${id}`,
  );
}
const encountersOf = (key: string) => Object.keys(person(key).patientIds).flatMap((e) => held(key, e, 'Encounter'));

const ORDER = {
  gp: ['Alerts', 'Problems', 'Medications', 'Encounters', 'Care plans', 'Who is involved', 'Results', 'Documents', 'Timeline'],
  hospital: ['Alerts', 'Problems', 'Medications', 'Encounters', 'Care plans', 'Who is involved', 'Results', 'Documents', 'Timeline'],
  'social-care': ['Who is involved', 'Alerts', 'Care plans', 'Encounters', 'Problems', 'Medications', 'Results', 'Documents', 'Timeline'],
} as const;

const sectionHeadings = (app: FrameLocator) => app.locator('.record-section > h2');
const encounterRows = (app: FrameLocator) => section(app, 'Encounters').getByRole('region', { name: /^Encounter list/ }).getByRole('listitem');

/**
 * CSP refusals and failed loads of the app's own files (fonts and images of the design system
 * included), read at the end of the test. A file whose request was aborted is breakage only if
 * no other request for it completed: the launch page prefetches the viewer's scripts, and its
 * own navigation to the authorisation server may cancel a prefetch still in flight (Chromium
 * reports net::ERR_ABORTED); the app's page then loads the file itself.
 */
function watchForBreakage(page: Page): () => string[] {
  const problems: string[] = [];
  const aborted = new Set<string>();
  const loaded = new Set<string>();
  const own = (r: Request) => r.url().startsWith(topology.appOrigin);
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  page.on('requestfailed', (r) => {
    // The app's own files only: FHIR requests the app itself aborts (a timeout, a cancelled search) are not breakage.
    if (!own(r)) return;
    const error = r.failure()?.errorText ?? 'failed';
    if (error === 'net::ERR_ABORTED') aborted.add(r.url());
    else problems.push(`${error} ${r.url()}`);
  });
  page.on('requestfinished', (r) => {
    if (own(r)) loaded.add(r.url());
  });
  page.on('response', (r) => {
    if (own(r.request()) && r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  return () => [...problems, ...[...aborted].filter((url) => !loaded.has(url)).map((url) => `net::ERR_ABORTED ${url}`)];
}

for (const hostId of ['gp', 'hospital', 'social-care'] as const) {
  test(`${hostId}: the summary in the host's 1024×700 frame, sections in the order for the user's role`, async ({ page }, info) => {
    const problems = watchForBreakage(page);
    const { app } = await launchComplete(page, hostId, TYPICAL);
    await expect(sectionHeadings(app)).toHaveText([...ORDER[hostId]]);
    await expect(app.getByRole('navigation', { name: 'Sections of the record' }).getByRole('link')).toHaveText(
      ORDER[hostId].map((t) => new RegExp(`^${t}`)),
    );
    await expect(app.getByText(/^Data as of \d\d:\d\d/)).toBeVisible();
    await saveScreenshot(page, info, hostId);
    expect(await (await appFrame(page)).evaluate(() => getComputedStyle(document.body).fontFamily)).toMatch(/^Arial/);
    expect(problems(), 'no CSP refusals, no failed loads of fonts, images or scripts').toEqual([]);
  });
}

test('every section shows its items with dates in CUI form and the organisation that holds them', async ({ page }) => {
  const { app } = await launchComplete(page, 'gp', TYPICAL);
  const alerts = section(app, 'Alerts');
  await expect(alerts.getByRole('heading', { name: /Active alerts \(\d+\)/ })).toBeVisible();
  const penicillin = alerts.getByRole('table', { name: /^Allergies and intolerances \(\d+\)$/ }).getByRole('row', { name: /^Penicillin/ }).first();
  await expect(penicillin).toContainText(/Allergy\s*\S.*(Mild|Moderate|Severe)/);
  await expect(penicillin).toContainText(/\d\d-[A-Z][a-z]{2}-\d{4}/);

  const meds = section(app, 'Medications');
  const current = meds.getByRole('table', { name: /^Current medications \(\d+\)$/ });
  await expect(current.getByRole('row', { name: new RegExp(`^${organisation('riverside-gp')}`) }).first()).toContainText(/\d\d-[A-Z][a-z]{2}-2026Active/);
  await expect(current.getByText(/^Recorded by 2 organisations$/).first()).toBeVisible();
  const past = meds.getByText(/^Past medications \(\d+\)$/);
  await expect(past.locator('xpath=ancestor::details[1]')).not.toHaveAttribute('open');
  await past.click();
  await expect(meds.getByRole('table', { name: 'Past medications' })).toBeVisible();

  const total = encountersOf(TYPICAL).length;
  await expect(section(app, 'Encounters').getByRole('status')).toHaveText(`Showing all ${total} encounters, newest first`);
  await expect(encounterRows(app).first()).toContainText(/^\d\d-[A-Z][a-z]{2}-\d{4}/);

  const plans = section(app, 'Care plans');
  const plan = plans.getByRole('listitem').filter({ has: app.getByRole('heading', { level: 3 }) }).first();
  for (const fact of ['Category', 'Period', 'Organisation', 'Care team']) await expect(plan.getByText(fact, { exact: true })).toBeVisible();
  await expect(plan.getByText(/^Activities \(\d+\)$/)).toBeVisible();
});

test('the encounter filters narrow the timeline by organisation, type and date range', async ({ page }) => {
  const { app } = await launchComplete(page, 'gp', TYPICAL);
  const encounters = section(app, 'Encounters');
  const status = encounters.getByRole('status');
  const total = encountersOf(TYPICAL).length;
  const atGp = held(TYPICAL, 'riverside-gp', 'Encounter').length;

  await encounters.getByLabel('Organisation').selectOption({ label: `${organisation('riverside-gp')} (${atGp})` });
  await expect(status).toHaveText(`Showing ${atGp} of ${total} encounters, newest first`);
  for (const row of await encounterRows(app).all()) await expect(row).toContainText(organisation('riverside-gp'));

  const type = (await encounters.getByLabel('Type').locator('option').nth(1).textContent())!.replace(/ \(\d+\)$/, '');
  await encounters.getByLabel('Type').selectOption({ index: 1 });
  await expect(status).toHaveText(/^Showing \d+ of \d+ encounters/);
  for (const row of await encounterRows(app).all()) await expect(row).toContainText(type);

  await encounters.getByLabel('Organisation').selectOption({ label: 'All organisations' });
  await encounters.getByLabel('Type').selectOption({ label: 'All types' });
  await encounters.getByLabel('From').fill('2026-10-01');
  await encounters.getByLabel('To').fill('2026-10-31');
  await expect(status).toHaveText(/^Showing \d+ of \d+ encounters/);
  for (const row of await encounterRows(app).all()) await expect(row).toContainText(/^\d\d-Oct-2026/);

  await encounters.getByLabel('From').fill('2026-11-30');
  await expect(encounters.getByText('The from date must be on or before the to date')).toBeVisible();
  await expect(encounters.getByText('No encounters match these filters.')).toBeVisible();

  await encounters.getByRole('button', { name: 'Clear filters' }).click();
  await expect(status).toHaveText(`Showing all ${total} encounters, newest first`);
});

/** A narrative written to attack the page: scripts, handlers, hidden styles, frames, forms, svg, javascript: links. */
const HOSTILE_NARRATIVE =
  '<div xmlns="http://www.w3.org/1999/xhtml"><p>Falls risk reviewed by <b>the practice team</b>.</p>' +
  '<img src="x" onerror="window.__pwned = 1"/><script>window.__pwned = 2</script>' +
  '<p style="display:none" onmouseover="window.__pwned = 3">Walking frame indoors.</p>' +
  '<a href="javascript:window.__pwned = 4">Run this</a> <a href="https://www.nhs.uk/conditions/falls/">NHS falls advice</a>' +
  '<iframe src="https://evil.example/"></iframe><form action="https://evil.example/"><input name="q"/></form>' +
  '<svg onload="window.__pwned = 5"><circle r="5"/></svg></div>';

test('the detail view: opened by keyboard, focus managed, provenance, a hostile narrative sanitised, Escape closes', async ({ page }, info) => {
  await rewriteFhir(page, 'riverside-gp', (body) =>
    eachResource(body, (r) => {
      if (r.resourceType === 'Flag') r.text = { status: 'generated', div: HOSTILE_NARRATIVE };
    }),
  );
  const { app } = await launchComplete(page, 'gp', TYPICAL);
  const flag = held(TYPICAL, 'riverside-gp', 'Flag')[0]!;
  const view = section(app, 'Alerts').getByRole('button', { name: new RegExp(`^View .* from ${organisation('riverside-gp')}$`) }).first();
  await view.focus();
  await page.keyboard.press('Enter');

  const dialog = app.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading', { level: 2 })).toBeFocused();
  await expect(dialog.getByRole('heading', { level: 2 })).toHaveText(/^Alert - /);
  const fact = (label: string) => dialog.locator('.nhsuk-summary-list__row').filter({ has: app.getByText(label, { exact: true }) });
  await expect(fact('Organisation')).toContainText(organisation('riverside-gp'));
  await expect(fact('ODS code')).toContainText('D99001');
  await expect(fact('Endpoint')).toContainText(topology.endpoints.find((e) => e.id === 'riverside-gp')!.baseUrl);
  await expect(fact('Last updated')).toContainText(/\d\d-[A-Z][a-z]{2}-\d{4} \d\d:\d\d/);
  await expect(fact('Resource')).toContainText(`Flag/${flag.id}`);

  const narrative = dialog.locator('.narrative');
  await expect(narrative.locator('b')).toHaveText('the practice team');
  await expect(narrative).toContainText('Walking frame indoors.');
  expect(await narrative.innerHTML()).not.toMatch(/<(img|script|iframe|form|input|svg|style)|\son\w+=|style=|javascript:/i);
  await expect(narrative.getByText('Run this')).not.toHaveAttribute('href');
  await expect(narrative.getByRole('link', { name: 'NHS falls advice' })).toHaveAttribute('target', '_blank');
  expect(await (await appFrame(page)).evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();

  await dialog.getByText(/^All fields in the source record \(\d+\)$/).click();
  await expect(dialog.getByRole('row', { name: /^Resource type/ })).toContainText('Flag');
  await expect(dialog.getByRole('row', { name: /^Id\b/ }).first()).toContainText(flag.id!);
  await saveScreenshot(page, info, 'detail-view');

  // Focus stays inside the open dialog, however far it is tabbed (it wraps, rather than leaving for the host page).
  const frame = await appFrame(page);
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    expect(await frame.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(view).toBeFocused();
});

test('any item opens its detail: a medicine, an encounter and a care plan, each with its own organisation', async ({ page }) => {
  const { app } = await launchComplete(page, 'gp', TYPICAL);
  const dialog = app.getByRole('dialog');
  const cases = [
    { section: 'Medications', caption: 'Medication' },
    { section: 'Encounters', caption: 'Encounter' },
    { section: 'Care plans', caption: 'Care plan' },
  ] as const;
  for (const c of cases) {
    const view = section(app, c.section).getByRole('button', { name: /^View / }).first();
    const name = (await view.getAttribute('aria-label'))!;
    const from = topology.endpoints.find((e) => name.endsWith(e.organisationName))!;
    await view.click();
    await expect(dialog.getByRole('heading', { level: 2 })).toHaveText(new RegExp(`^${c.caption} - `));
    await expect(dialog.locator('.nhsuk-summary-list__row').filter({ hasText: /^Endpoint/ })).toContainText(from.baseUrl);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
    await expect(view).toBeFocused();
  }
});

test('the timeline: one lane per organisation, readable and reachable by keyboard in the 1024 frame, with a table of the same', async ({ page }) => {
  const { app } = await launchComplete(page, 'gp', TYPICAL);
  const timeline = app.getByRole('region', { name: 'Timeline', exact: true });
  const picture = timeline.getByRole('img', { name: 'Timeline of contacts and medicines by organisation' });
  await expect(picture).toBeVisible();
  const summary = (await timeline.locator('.timeline-summary').textContent())!;
  expect(summary).toMatch(/^\d+ organisations: \d+ contacts and \d+ medicine courses from \d\d-[A-Z][a-z]{2}-2024 to \d\d-[A-Z][a-z]{2}-2026/);
  const describedBy = (await picture.getAttribute('aria-describedby'))!;
  await expect(app.locator(`[id="${describedBy}"]`)).toHaveText(summary);

  await timeline.getByLabel('Period shown').focus();
  await page.keyboard.press('Tab');
  await expect(picture).toBeFocused();

  // Drawn at the frame's width in real pixels: 12 px labels, nothing wider than the frame.
  const frame = await appFrame(page);
  const layout = await frame.evaluate(() => {
    const svg = document.querySelector('.timeline-svg') as SVGSVGElement;
    const label = svg.querySelector('.tl-lane-label') as SVGTextElement;
    return {
      width: svg.getBoundingClientRect().width,
      viewBoxWidth: svg.viewBox.baseVal.width,
      labelPx: label.getBoundingClientRect().height,
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      frameWidth: document.documentElement.clientWidth,
    };
  });
  expect(layout.width).toBeGreaterThan(900);
  expect(layout.width).toBeLessThanOrEqual(layout.frameWidth);
  expect(layout.viewBoxWidth).toBe(Math.round(layout.width));
  expect(layout.labelPx).toBeGreaterThanOrEqual(12);
  expect(layout.overflow).toBe(0);

  await timeline.getByText('Show the timeline as a table').click();
  const rows = timeline.getByRole('table').locator('tbody tr');
  await expect(timeline.locator('.tl-lane')).toHaveCount(await rows.count());
  await expect(rows.filter({ hasText: organisation('riverside-gp') })).toContainText(/\d+\d\d-[A-Z][a-z]{2}-2026/);
  await timeline.getByLabel('Period shown').selectOption({ label: 'Whole record' });
  await expect(timeline.locator('.timeline-summary')).not.toHaveText(summary);
});

test('the large record: about 4,700 encounters scroll smoothly with only the rows in view in the page', async ({ page }, info) => {
  test.setTimeout(180_000);
  const key = world.cases.largeRecord;
  const total = encountersOf(key).length;
  expect(total).toBeGreaterThan(4_000);
  const { app } = await launchComplete(page, 'gp', key, 150_000);
  await expect(section(app, 'Encounters').getByRole('status')).toHaveText(`Showing all ${total.toLocaleString('en-GB')} encounters, newest first`);
  expect(await encounterRows(app).count()).toBeLessThan(200);

  const frame = await appFrame(page);
  const stats = await frame.evaluate(async () => {
    const box = document.querySelector('.virtual-scroll') as HTMLElement;
    const frames: number[] = [];
    let maxRows = 0;
    let last = performance.now();
    for (let i = 1; i <= 120; i++) {
      box.scrollTop = (box.scrollHeight * i) / 120;
      await new Promise((r) => requestAnimationFrame(r));
      const t = performance.now();
      frames.push(t - last);
      last = t;
      maxRows = Math.max(maxRows, box.querySelectorAll('li').length);
    }
    await new Promise((r) => setTimeout(r, 200));
    box.scrollTop = box.scrollHeight;
    await new Promise((r) => setTimeout(r, 200));
    frames.sort((a, b) => a - b);
    return { maxRows, medianMs: frames[60], p95Ms: frames[114], scrollHeight: box.scrollHeight };
  });
  console.log(`Large record scrolling: ${JSON.stringify(stats)}`);
  await info.attach('large-record-scrolling.json', { body: JSON.stringify(stats, null, 2), contentType: 'application/json' });
  expect(stats.maxRows).toBeLessThan(200);
  expect(stats.medianMs).toBeLessThan(100);
  await expect(encounterRows(app).last()).toHaveAttribute('aria-posinset', String(total));

  // The keyboard scrolls it too: Home from inside the list goes back to the newest.
  await section(app, 'Encounters').getByRole('region', { name: /^Encounter list/ }).focus();
  await page.keyboard.press('Home');
  await expect(encounterRows(app).first()).toHaveAttribute('aria-posinset', '1');
  await saveScreenshot(page, info, 'large-record');
});

/** A FHIR batch whose every entry is a GET: a way of reading, not writing. */
function isBatchOfReads(r: Request): boolean {
  const body = r.postDataJSON() as { resourceType?: string; type?: string; entry?: { request?: { method?: string } }[] } | null;
  return body?.resourceType === 'Bundle' && body.type === 'batch' && (body.entry ?? []).every((e) => e.request?.method === 'GET');
}

test('strictly read-only: every request to an organisation is a read, and no control in the summary submits anything', async ({ page }) => {
  const fhirOrigins = new Set(topology.endpoints.map((e) => new URL(e.baseUrl).origin));
  const writes: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (!fhirOrigins.has(url.origin) || r.method() === 'GET' || r.method() === 'OPTIONS') return;
    if (r.method() === 'POST' && (url.pathname.endsWith('/AuditEvent') || isBatchOfReads(r))) return; // audit is not clinical data
    writes.push(`${r.method()} ${r.url()}`);
  });
  const { app } = await launchComplete(page, 'gp', world.cases.sixOrganisations);
  await section(app, 'Encounters').getByLabel('Organisation').selectOption({ index: 1 });
  await section(app, 'Medications').getByRole('button', { name: /^View / }).first().click();
  await app.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  expect(writes).toEqual([]);
  // In the summary, the only inputs are the encounter filters (a search form that submits nothing).
  const summary = app.locator('.record-sections');
  await expect(summary.locator('button[type=submit], input[type=submit], form[action], form[method=post], [contenteditable=true], textarea')).toHaveCount(0);
  await expect(summary.locator('input')).toHaveCount(await summary.locator('form[role=search] input').count());
  await expect(summary.locator('form:not([role=search])')).toHaveCount(0);
});

test('in a window of its own: one column at 1024 wide, two columns side by side on a 1920 screen', async ({ page, context }, info) => {
  const host = topology.hosts.find((h) => h.id === 'gp')!;
  const expected = patientAt(host, TYPICAL);
  await page.goto(`${host.origin}/`);
  const popup = context.waitForEvent('page');
  await page.getByRole('button', { name: `Open My Care Record in a new window for ${expected.hostListName}`, exact: true }).click();
  const win = await popup;
  await win.setViewportSize({ width: 1024, height: 700 });
  await passPermissionStep(win);
  await expect(win.getByRole('region', { name: 'Sources' }).getByRole('status')).toHaveText(/^Complete/, { timeout: 45_000 });
  const box = (name: string) => win.getByRole('region', { name, exact: true }).boundingBox();
  expect((await box('Encounters'))!.y).toBeGreaterThan((await box('Medications'))!.y + (await box('Medications'))!.height - 1);
  await saveScreenshot(win, info, 'gp-window-1024-full', true);
  await win.setViewportSize({ width: 1920, height: 1080 });
  await expect.poll(async () => (await box('Encounters'))!.y).toBe((await box('Medications'))!.y);
  await saveScreenshot(win, info, 'gp-window-1920-full', true);
});
