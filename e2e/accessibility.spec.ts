import { expect, test, type Page, type Route } from '@playwright/test';
import { appFrame, clearFaults, expectNoAxeViolations, launchComplete, launchToRecord, organisation, section, setFault } from './helpers';
import { topology } from './sandbox';

/**
 * WCAG 2.2 AA in every state the summary can be in: axe-core (WCAG A/AA rules) inside the
 * viewer's frame with the record complete and every folded part open, with the detail
 * dialog open, with a filter error, while loading, partial, failed and empty; and the
 * whole summary reachable by keyboard alone. axe's source is evaluated through the
 * DevTools protocol because the app's CSP rightly refuses an injected script.
 */

test.use({ locale: 'en-GB', timezoneId: 'Europe/London' });
test.afterEach(clearFaults);

const TYPICAL = 'whitfield-margaret';
const SECTIONS = ['Alerts', 'Medications', 'Encounters', 'Care plans'] as const;

/** The identifier search each organisation is first asked (Patient?identifier=…nhs-number|…). */
const isPatientSearch = (url: URL) =>
  topology.endpoints.some((e) => url.href.startsWith(`${e.baseUrl}/Patient?`)) && url.searchParams.has('identifier');

/** An organisation's base, where the viewer POSTs its one batch (the identifier search first in it). */
const isBase = (url: URL) => topology.endpoints.some((e) => url.href === e.baseUrl);

/** Answers every organisation's patient search, alone or in its batch, with `answer` (CORS headers kept from the real answer). */
async function answerPatientSearches(page: Page, answer: (route: Route) => Promise<void>) {
  await page.route((url) => isPatientSearch(url) || isBase(url), async (route) => {
    const r = route.request();
    if (r.method() === 'OPTIONS' || (r.method() === 'POST' && !(r.postData() ?? '').includes('"Patient?identifier'))) return route.continue();
    return answer(route);
  });
}

test('the complete summary, every folded part opened', async ({ page }) => {
  const { app } = await launchComplete(page, 'gp', TYPICAL);
  await app.locator('details').evaluateAll((ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
  await expect(app.getByRole('table', { name: /^From .* by organisation$/ })).toBeVisible();
  await expectNoAxeViolations(page, 'complete, details open');
});

test('the detail dialog open', async ({ page }) => {
  const { app } = await launchComplete(page, 'gp', TYPICAL);
  await section(app, 'Encounters').getByRole('button', { name: /^View / }).first().click();
  await app.getByRole('dialog').getByText(/^All fields in the source record/).click();
  await expectNoAxeViolations(page, 'detail dialog open');
});

test('the encounter filters showing an error and no matches', async ({ page }) => {
  const { app } = await launchComplete(page, 'gp', TYPICAL);
  const encounters = section(app, 'Encounters');
  await encounters.getByLabel('From').fill('2026-11-30');
  await encounters.getByLabel('To').fill('2026-01-01');
  await expect(encounters.getByText('No encounters match these filters.')).toBeVisible();
  await expectNoAxeViolations(page, 'filter error');
});

test('loading: every section says it is loading while no organisation has answered', async ({ page }) => {
  await answerPatientSearches(page, async () => undefined); // held: never answered
  const { app } = await launchToRecord(page, 'gp', TYPICAL);
  for (const name of SECTIONS) await expect(section(app, name).getByRole('status')).toHaveText(`Loading ${name.toLowerCase()}…`);
  await expectNoAxeViolations(page, 'loading');
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});

test('partial: an organisation failing is named in every section, the rest shown', async ({ page }) => {
  await setFault('ouse-valley-acute', { mode: 'http-500' });
  const { app } = await launchToRecord(page, 'gp', TYPICAL);
  for (const name of SECTIONS) {
    await expect(section(app, name)).toContainText(`Not shown from: ${organisation('ouse-valley-acute')} (failed)`, { timeout: 30_000 });
  }
  await expect(section(app, 'Encounters').getByRole('listitem').filter({ hasText: organisation('riverside-gp') }).first()).toBeVisible();
  await expectNoAxeViolations(page, 'partial');
});

test('failed: no organisation answered, every section says so and offers nothing false', async ({ page }) => {
  await answerPatientSearches(page, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, status: 500, json: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception' }] } });
  });
  const { app } = await launchToRecord(page, 'gp', TYPICAL);
  for (const name of SECTIONS) {
    await expect(section(app, name)).toContainText(`No organisation answered, so no ${name.toLowerCase()} can be shown.`, { timeout: 30_000 });
  }
  await expectNoAxeViolations(page, 'failed');
});

test('empty: no organisation holds a record, every section says how many it covers', async ({ page }) => {
  await answerPatientSearches(page, async (route) => {
    const response = await route.fetch();
    const empty = { resourceType: 'Bundle', type: 'searchset', total: 0, entry: [] };
    if (route.request().method() !== 'POST') return route.fulfill({ response, json: empty });
    // The one batch (ADR 0005): every search in it answered with nothing.
    const asked = (JSON.parse(route.request().postData() ?? '{}') as { entry?: unknown[] }).entry ?? [];
    await route.fulfill({ response, json: { resourceType: 'Bundle', type: 'batch-response', entry: asked.map(() => ({ resource: empty, response: { status: '200 OK' } })) } });
  });
  const { app } = await launchToRecord(page, 'gp', TYPICAL);
  const n = topology.endpoints.length;
  for (const name of SECTIONS) {
    await expect(section(app, name)).toContainText(`No ${name.toLowerCase()} recorded at the ${n} organisations that answered.`, { timeout: 30_000 });
  }
  await expectNoAxeViolations(page, 'empty');
});

test('keyboard only: Tab reaches the section links, every filter, the list, its View buttons and the timeline', async ({ page }) => {
  test.setTimeout(240_000);
  const { app } = await launchComplete(page, 'gp', TYPICAL);
  await app.getByRole('navigation', { name: 'Sections of the record' }).getByRole('link').first().focus();
  const frame = await appFrame(page);
  const reached: string[] = [];
  // The summary now holds problems and a View button for every organisation's entry of each alert and allergy: more stops before the encounters.
  for (let i = 0; i < 260; i++) {
    reached.push(
      await frame.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const label = el.getAttribute('aria-label') ?? (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null) ?? el.textContent ?? '';
        return `${el.tagName.toLowerCase()}:${label.trim().slice(0, 60)}`;
      }),
    );
    await page.keyboard.press('Tab');
  }
  const has = (pattern: RegExp) => expect(reached.some((r) => pattern.test(r)), `${pattern} in ${reached.join(' | ')}`).toBe(true);
  has(/^a:Medications/);
  has(/^summary:Past medications/);
  has(/^select:Organisation/);
  has(/^select:Type/);
  has(/^input:From/);
  has(/^input:To/);
  has(/^div:Encounter list, \d+ rows, scrollable/);
  has(/^button:View .*, \d\d-[A-Z][a-z]{2}-\d{4}, /);
  has(/^select:Period shown/);
  has(/^svg:Timeline of contacts and medicines by organisation/);

  // And a View button opens its detail from the keyboard.
  await section(app, 'Care plans').getByRole('button', { name: /^View / }).first().focus();
  await page.keyboard.press('Enter');
  await expect(app.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(app.getByRole('dialog')).toBeHidden();
});
