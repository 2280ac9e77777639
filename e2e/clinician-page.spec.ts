import { expect, test } from '@playwright/test';
import type { AuditEvent } from 'fhir/r4';
import {
  appFrame,
  auditEvents,
  clearFaults,
  launchFromHost,
  organisation,
  overall,
  recordPermission,
  resetGovernance,
  setFault,
  setServiceFault,
  sourceLine,
} from './helpers';
import { topology, world } from './sandbox';

/**
 * Issue "A page clinicians trust at a glance", end to end in Chromium against the running
 * sandbox: plain English for every source problem, honest loading, sessions that end
 * cleanly, filters that do what they say, whose record it is always on screen, NHS forms,
 * layout, and the privacy officer's page.
 */

const SIX = world.cases.sixOrganisations;

test.afterEach(async () => {
  await clearFaults();
  await resetGovernance();
});

test.describe('plain English for every source problem', () => {
  test('a hanging organisation says "Not answering" within seconds, not "Signing in" until its time limit', async ({ page }) => {
    await setFault('fenland-mh', { mode: 'hang' });
    const { app } = await launchFromHost(page, 'gp', SIX);
    const line = sourceLine(app, 'fenland-mh');
    const started = Date.now();
    await expect(line.locator('.source-state')).toHaveText('Not answering', { timeout: 12_000 });
    // Well before the endpoint's 15-second limit: the clinician is told at once.
    expect(Date.now() - started).toBeLessThan(12_000);
    await expect(line).toContainText(`${organisation('fenland-mh')} has not answered for`);
    await expect(line).not.toContainText('Signing in');
  });

  test('organisations failing: each says what happened and what to do; "Try again" for one and for all', async ({ page }) => {
    await setFault('fenland-mh', { mode: 'http-500' });
    await setFault('ouse-community', { mode: 'http-502' });
    await setFault('eastern-ambulance', { mode: 'http-502' });
    await setFault('cambs-asc', { mode: 'malformed-json' });
    const { app } = await launchFromHost(page, 'gp', SIX);
    const mh = sourceLine(app, 'fenland-mh');
    await expect(mh.locator('.source-state')).toHaveText('Its system had a problem', { timeout: 30_000 });
    await expect(mh.locator('.source-advice')).toHaveText(
      `${organisation('fenland-mh')}’s system reported a fault and sent no records. Try again in a few minutes. If it keeps happening, contact your IT service desk.`,
    );
    // The technical detail is there for support staff, folded away.
    const detail = mh.getByText(/^The server answered 500 Internal Server Error/);
    await expect(detail).toBeHidden();
    await mh.getByText('Technical detail').click();
    await expect(detail).toBeVisible();

    const asc = sourceLine(app, 'cambs-asc');
    await expect(asc.locator('.source-state')).toHaveText('Answer could not be read');
    await expect(asc.locator('.source-advice')).toContainText('Trying again will not help');
    await expect(asc.getByRole('button', { name: /^Try again/ })).toHaveCount(0);

    // One at a time…
    const all = app.getByRole('button', { name: 'Try again for all 3 organisations' });
    await expect(all).toBeVisible({ timeout: 30_000 });
    await setFault('fenland-mh', {});
    await mh.getByRole('button', { name: `Try again for ${organisation('fenland-mh')}` }).click();
    await expect(mh).toContainText('Up to date', { timeout: 30_000 });
    await expect(sourceLine(app, 'ouse-community').locator('.source-state')).toHaveText('Its system had a problem');

    // …and all together.
    await setFault('ouse-community', {});
    await setFault('eastern-ambulance', {});
    await app.getByRole('button', { name: 'Try again for all 2 organisations' }).click();
    await expect(sourceLine(app, 'ouse-community')).toContainText('Up to date', { timeout: 30_000 });
    await expect(sourceLine(app, 'eastern-ambulance')).toContainText('Up to date', { timeout: 30_000 });
    await expect(overall(app)).toHaveText(`Incomplete record: ${organisation('cambs-asc')} (not retrieved)`);
  });

  test('the audit service failing: the record is hidden, with "Try again" that asks the basis again and records it first', async ({ page }) => {
    await setServiceFault('audit', 'http-500');
    const { app } = await launchFromHost(page, 'gp', SIX);
    const alert = app.getByRole('alert');
    await expect(alert).toContainText('The record is hidden: this viewing could not be recorded in the audit trail', { timeout: 30_000 });
    await expect(app.getByRole('region', { name: 'Sources' })).toHaveCount(0);
    await setServiceFault('audit', 'none');
    await alert.getByRole('button', { name: 'Try again' }).click();
    await recordPermission(app, 'patient-consented');
    await expect(overall(app)).toContainText(/^Complete|^Still loading|^Incomplete/, { timeout: 30_000 });
  });

  test('the objection register down: says objections cannot be checked, and offers the emergency route the policy allows', async ({ page }) => {
    const since = new Date().toISOString();
    await setServiceFault('objection-register', 'down');
    const { app } = await launchFromHost(page, 'gp', world.cases.objection);
    const alert = app.getByRole('alert');
    await expect(alert).toContainText('The patient’s objections cannot be checked', { timeout: 30_000 });
    await expect(alert).toContainText('Nothing from other organisations is shown.');
    await expect(alert.getByRole('button', { name: 'Try again' })).toBeVisible();
    // The form takes focus (its first reason); Cancel gives it back to the button that opened it.
    await alert.getByRole('button', { name: 'Continue in an emergency' }).click();
    await expect(app.getByRole('radio', { name: 'Safeguarding concern' })).toBeFocused();
    await app.getByRole('button', { name: 'Cancel' }).click();
    await expect(alert.getByRole('button', { name: 'Continue in an emergency' })).toBeFocused();
    await alert.getByRole('button', { name: 'Continue in an emergency' }).click();
    const form = app.getByRole('form', { name: 'Override the objection to other organisations' });
    await form.getByRole('radio', { name: 'Risk of harm to the patient or others' }).check();
    await form.getByLabel('Why this is needed now').fill('Unconscious in A&E, medicines unknown');
    await form.getByRole('button', { name: 'Continue in an emergency' }).click();
    await expect(app.getByText(/^Emergency access: the objection register was not checked/)).toBeVisible({ timeout: 30_000 });
    await expect(overall(app)).toBeVisible();
    // The emergency was recorded before anything was retrieved.
    const events = (await auditEvents(since)).map((s) => s.event);
    const override = events.find((e: AuditEvent) => e.subtype?.[0]?.code === '110127');
    expect(override, 'an emergency override AuditEvent').toBeDefined();
  });
});

test.describe('honest while loading', () => {
  test('counts say "loading" and no section says "none recorded" until every organisation that may hold some has answered', async ({ page }) => {
    await setFault('fenland-mh', { latencyMs: 3_000 });
    const { app } = await launchFromHost(page, 'gp', SIX);
    const nav = app.getByRole('navigation', { name: 'Sections of the record' });
    await expect(sourceLine(app, 'riverside-gp')).toContainText('Up to date', { timeout: 30_000 });
    await expect(overall(app)).toContainText('Still loading');
    for (const name of ['Alerts', 'Medications', 'Encounters', 'Care plans']) {
      await expect(nav.getByRole('link', { name: new RegExp(`^${name}`) })).toContainText('loading');
    }
    await expect(app.getByText(/^No (alerts|medications|encounters|care plans) recorded/)).toHaveCount(0);
    await expect(app.getByRole('region', { name: 'Alerts', exact: true })).toContainText(`Still loading from: ${organisation('fenland-mh')}`);
    // Once everyone has settled, real numbers.
    await expect(overall(app)).not.toContainText('Still loading', { timeout: 45_000 });
    await expect(nav.getByRole('link', { name: /^Alerts/ })).toHaveText(/^Alerts\d+$/);
  });
});

test.describe('sessions that end cleanly', () => {
  test('reloading the viewer says the session has ended and to reopen it from the host system', async ({ page }) => {
    const { app } = await launchFromHost(page, 'gp', SIX);
    await expect(overall(app)).toBeVisible({ timeout: 30_000 });
    const frame = await appFrame(page);
    await frame.evaluate(() => location.reload());
    await expect(app.getByRole('heading', { level: 1 })).toHaveText('This session has ended', { timeout: 15_000 });
    await expect(app.locator('body')).toContainText('open it from the patient’s record in your clinical system');
    await expect(app.locator('body')).not.toContainText('opened directly');
  });

  test('"End session" drops the record and every sign-in, and says so', async ({ page }) => {
    const { app, expected } = await launchFromHost(page, 'gp', SIX);
    await expect(overall(app)).toContainText(/^Complete/, { timeout: 45_000 });
    await app.getByRole('button', { name: 'End session' }).click();
    await expect(app.getByRole('heading', { level: 1 })).toHaveText('You ended this session');
    await expect(app.getByRole('heading', { level: 1 })).toBeFocused();
    await expect(app.locator('body')).not.toContainText(expected.family);
    await expect(app.getByRole('region', { name: 'Sources' })).toHaveCount(0);
    const frame = await appFrame(page);
    const stored = await frame.evaluate(() => Object.keys(sessionStorage).filter((k) => /smart|token|oidc/i.test(k) || /^[0-9a-f-]{20,}$/.test(k)));
    expect(stored).toEqual([]);
  });
});

test.describe('filters that do what they say', () => {
  test('the type list follows the organisation, an impossible date keeps its text and stops filtering, "Whole record" spans the whole record', async ({ page }) => {
    const { app } = await launchFromHost(page, 'gp', SIX);
    await expect(overall(app)).toContainText(/^Complete/, { timeout: 45_000 });
    const encounters = app.getByRole('region', { name: 'Encounters', exact: true });
    const status = encounters.getByRole('status');
    const total = Number((await status.textContent())!.match(/Showing all ([\d,]+) encounters/)![1]!.replace(/,/g, ''));

    // Every type offered once an organisation is chosen holds at least one of its contacts.
    const orgOption = encounters.getByLabel('Organisation').locator('option').nth(1);
    const orgLabel = (await orgOption.textContent())!;
    await encounters.getByLabel('Organisation').selectOption({ label: orgLabel });
    const atOrg = Number(orgLabel.match(/\((\d+)\)$/)![1]);
    const typeOptions = (await encounters.getByLabel('Type').locator('option').allTextContents()).slice(1);
    const typeCounts = typeOptions.map((t) => Number(t.match(/\((\d+)\)$/)![1]));
    expect(typeCounts.every((n) => n > 0)).toBe(true);
    expect(typeCounts.reduce((a, b) => a + b, 0)).toBe(atOrg);
    await encounters.getByLabel('Type').selectOption({ index: 1 });
    await expect(status).toHaveText(`Showing ${typeCounts[0]} of ${total} encounters, newest first`);
    await encounters.getByRole('button', { name: 'Clear filters' }).click();

    // An impossible date: its text stays, with its error, and the old date no longer filters.
    const from = encounters.getByLabel('From');
    await from.fill('01-Jan-2026');
    await expect(status).toHaveText(/^Showing \d+ of/);
    await from.fill('31/02/2026');
    await from.blur();
    await expect(from).toHaveValue('31/02/2026');
    await expect(encounters.getByText('Enter a real from date, like 04-Mar-2026. Until then no from date is applied.')).toBeVisible();
    await expect(status).toHaveText(`Showing all ${total} encounters, newest first`);
    await from.fill('');

    // "Whole record" starts no later than "Last 2 years" (or any other period).
    const timeline = app.getByRole('region', { name: 'Timeline', exact: true });
    const fromOf = async () => {
      const text = (await timeline.locator('.timeline-summary').textContent())!;
      return Date.parse(text.match(/from (\d\d-\w{3}-\d{4}) to/)![1]!.replace(/-/g, ' '));
    };
    const starts: Record<string, number> = {};
    for (const label of ['Last 12 months', 'Last 2 years', 'Last 5 years', 'Whole record']) {
      await timeline.getByLabel('Period shown').selectOption({ label });
      starts[label] = await fromOf();
    }
    for (const label of ['Last 12 months', 'Last 2 years', 'Last 5 years']) expect(starts['Whole record']).toBeLessThanOrEqual(starts[label]!);
  });

  test('a list of one says "Showing 1 encounter"', async ({ page }) => {
    // Right plurals: the sparse record holds a single contact at the GP.
    const { app } = await launchFromHost(page, 'gp', world.cases.sparse);
    await expect(overall(app)).not.toContainText('Still loading', { timeout: 45_000 });
    const status = app.getByRole('region', { name: 'Encounters', exact: true }).getByRole('status');
    await expect(status).not.toHaveText(/ 1 encounters/);
    await expect(status).not.toHaveText(/all 1 /);
  });
});

test.describe('whose record, always', () => {
  test('the banner stays on screen after scrolling, in the frame and in a window; dialogs name the patient; one h1; skip link; focus follows each action', async ({ page, context }) => {
    const { app, expected } = await launchFromHost(page, 'gp', SIX);
    // Focus moved to what changed after recording the basis for viewing.
    await expect(app.getByText(/^Viewing on this basis/)).toBeFocused();
    await expect(overall(app)).toContainText(/^Complete/, { timeout: 45_000 });
    await expect(app.getByRole('heading', { level: 1 })).toHaveCount(1);
    const frame = await appFrame(page);
    await frame.evaluate(() => window.scrollTo(0, 1500));
    const banner = app.getByRole('region', { name: 'Patient' });
    await expect(banner).toBeInViewport();
    await expect(banner).toContainText(expected.family);
    await expect(banner).toContainText(expected.nhsNumberDisplay);

    // A dialog covers the banner, so it names the patient itself.
    await app.getByRole('button', { name: /^View / }).first().click();
    const dialog = app.getByRole('dialog');
    await expect(dialog).toContainText(`Patient: ${expected.family}`);
    await expect(dialog).toContainText(`NHS number ${expected.nhsNumberDisplay}`);
    await page.keyboard.press('Escape');

    // Skip link: the first thing Tab reaches, and it takes focus to the record.
    await frame.evaluate(() => window.scrollTo(0, 0));
    const firstFocusable = await frame.evaluate(() => document.querySelector('a[href], button, input, select, textarea, [tabindex="0"]')?.textContent);
    expect(firstFocusable).toBe('Skip to main content');
    const skip = app.getByRole('link', { name: 'Skip to main content' });
    await skip.focus();
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(app.getByRole('main')).toBeFocused();

    // In a window of its own.
    const host = page.url();
    const popup = context.waitForEvent('page');
    await page.goto(host);
    await page.getByRole('button', { name: `Open My Care Record in a new window for ${expected.hostListName}` }).click();
    const win = await popup;
    await win.getByRole('radio', { name: /patient gave permission/i }).check({ timeout: 30_000 });
    await win.getByRole('button', { name: 'Record and continue' }).click();
    await expect(win.getByRole('region', { name: 'Sources' }).getByRole('status')).toContainText(/^Complete/, { timeout: 45_000 });
    await win.evaluate(() => window.scrollTo(0, 1500));
    await expect(win.getByRole('region', { name: 'Patient' })).toBeInViewport();
    await expect(win.getByRole('region', { name: 'Patient' })).toContainText(expected.family);
  });
});

test.describe('the privacy officer’s page', () => {
  test('pages, filters by patient, user, organisation, date and outcome, shows names, UK times and the basis, and exports the filter as CSV', async ({ page }) => {
    test.setTimeout(180_000);
    // Some history: two viewings with permission, one refused.
    const first = await launchFromHost(page, 'gp', SIX);
    await expect(overall(first.app)).toContainText(/^Complete/, { timeout: 45_000 });
    await launchFromHost(page, 'hospital', SIX);
    await expect(overall(first.app)).toContainText(/^Complete/, { timeout: 45_000 });
    await launchFromHost(page, 'gp', world.cases.objection, { permission: 'patient-refused' });
    await expect(first.app.getByText('Nothing has been retrieved')).toBeVisible();

    const officer = await page.context().newPage();
    await officer.goto(`${topology.homeOrigin}/privacy`);
    const status = officer.getByRole('status');
    await expect(status).toContainText(/^Showing events 1 to 50 of \d+/);
    const total = Number((await status.textContent())!.match(/of (\d+)/)![1]);
    expect(total).toBeGreaterThan(50);
    await expect(officer.getByRole('navigation', { name: 'Pages of events' }).first()).toContainText(`Page 1 of ${Math.ceil(total / 50)}`);
    await officer.getByRole('link', { name: 'Next page' }).first().click();
    await expect(status).toContainText(`Showing events 51 to ${Math.min(100, total)} of ${total}`);
    // No raw codes; UK times; names beside NHS numbers.
    const table = officer.getByRole('table');
    await expect(table).not.toContainText(/\b(TREAT|ETREAT|BTG)\b/);
    await expect(table.locator('td').first()).toHaveText(/^\d\d \w{3} \d{4}, \d\d:\d\d:\d\d (GMT|BST)$/);

    // The refusal, highlighted, with its basis in words.
    const objecting = world.people.find((p) => p.key === world.cases.objection)!;
    await officer.getByLabel('Patient').selectOption({ value: objecting.nhsNumber });
    await officer.getByLabel('Kind').selectOption({ label: 'Patient refused' });
    await officer.getByRole('button', { name: 'Apply filters' }).click();
    const refusal = officer.locator('tr.refusal');
    await expect(refusal.first()).toContainText('PATIENT REFUSED');
    await expect(refusal.first()).toContainText('Patient refused permission');
    await expect(refusal.first()).toContainText(`${objecting.family.toUpperCase()}, ${objecting.given}`);

    // Organisation, date and outcome.
    await officer.goto(`${topology.homeOrigin}/privacy`);
    await officer.getByLabel('Organisation').selectOption({ label: organisation('fenland-mh') });
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
    await officer.getByLabel('From (date)').fill(today);
    await officer.getByLabel('To (date)').fill(today);
    await officer.getByLabel('Outcome').selectOption({ label: 'Succeeded' });
    await officer.getByRole('button', { name: 'Apply filters' }).click();
    await expect(status).toContainText(/matching the filters/);
    for (const cell of await table.locator('tbody tr td:nth-child(6)').allTextContents()) expect(cell).toContain(organisation('fenland-mh'));

    // CSV of the current filter.
    const matching = Number((await status.textContent())!.match(/of (\d+)/)?.[1] ?? '0');
    const link = officer.getByRole('link', { name: /^Download these \d+ events \(CSV\)$/ });
    const csv = await (await officer.request.get(new URL((await link.getAttribute('href'))!, officer.url()).href)).text();
    const lines = csv.trim().split(/\r\n/);
    expect(lines[0]).toMatch(/^Recorded \(UTC\),Recorded \(UK time\),User/);
    expect(lines.length - 1).toBe(matching);
  });
});
