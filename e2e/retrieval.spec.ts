import { expect, test } from '@playwright/test';
import { clearFaults, launchFromHost, organisation, overall, section, setFault, sourceLine } from './helpers';
import { world } from './sandbox';

/**
 * Issue "Query every regional endpoint directly": each organisation's items with their
 * source; one endpoint down or slow never holds back the others; a date-of-birth mismatch
 * excludes that source with the reason shown. Real sandbox, real tokens per endpoint.
 */

const SIX = world.cases.sixOrganisations;
const sixPerson = world.people.find((p) => p.key === SIX)!;
const sixSources = Object.keys(sixPerson.patientIds);

test.afterEach(clearFaults);

test('a patient with records at six or more organisations shows every organisation’s items with their source', async ({ page }, info) => {
  const { app } = await launchFromHost(page, 'gp', SIX);
  await expect(overall(app)).toHaveText(/^Complete: all 8 organisations answered/, { timeout: 30_000 });
  expect(sixSources.length).toBeGreaterThanOrEqual(6);
  for (const id of sixSources) await expect(sourceLine(app, id)).toContainText('Up to date');
  const record = app.locator('main');
  for (const id of sixSources) await expect(record.getByText(organisation(id)).first()).toBeVisible();
  await expect(section(app, 'Medications')).toBeVisible();
  await expect(section(app, 'Encounters')).toBeVisible();
  await page.screenshot({ path: info.outputPath('six-organisations.png'), fullPage: true });
});

test('an endpoint that is down is marked, and every other source still shows', async ({ page }) => {
  await setFault('fenland-mh', { mode: 'down' });
  const { app } = await launchFromHost(page, 'gp', SIX);
  await expect(sourceLine(app, 'fenland-mh')).toContainText(/Cannot be reached|Sign-in needed/, { timeout: 30_000 });
  for (const id of sixSources.filter((s) => s !== 'fenland-mh')) await expect(sourceLine(app, id)).toContainText('Up to date');
  await expect(overall(app)).toContainText('Incomplete record');
  await expect(section(app, 'Encounters').getByText(organisation('riverside-gp'), { exact: true }).first()).toBeVisible();

  // Back up: Try again asks that one organisation again.
  await setFault('fenland-mh', {});
  const retry = sourceLine(app, 'fenland-mh').getByRole('button', { name: /^Try again for |^Sign in/ });
  await retry.click();
  await expect(sourceLine(app, 'fenland-mh')).toContainText('Up to date', { timeout: 30_000 });
});

test('a slow endpoint leaves the others showing on time, with that source marked as still loading', async ({ page }) => {
  await setFault('ouse-community', { latencyMs: 8_000 });
  const { app } = await launchFromHost(page, 'gp', SIX);
  // Everyone else is up to date well before the slow one has answered once.
  for (const id of sixSources.filter((s) => s !== 'ouse-community')) {
    await expect(sourceLine(app, id)).toContainText('Up to date', { timeout: 7_000 });
  }
  await expect(sourceLine(app, 'ouse-community')).toContainText(/Signing in|Loading|Waiting|Not answering/);
  await expect(overall(app)).toContainText(/Still loading: .*Ouse Community Health NHS Trust/);
});

test('a different date of birth at one organisation excludes it, with the reason shown', async ({ page }) => {
  const { app } = await launchFromHost(page, 'gp', world.cases.dobMismatch);
  await expect(sourceLine(app, 'stort-acute')).toContainText(/Not included.*Date of birth differs/, { timeout: 30_000 });
  await expect(sourceLine(app, 'riverside-gp')).toContainText('Up to date');
  // Nothing of the excluded organisation is shown as fact; each section says what it lacks.
  for (const name of ['Alerts', 'Medications', 'Encounters', 'Care plans'] as const) {
    await expect(section(app, name).getByText(organisation('stort-acute'), { exact: true })).toHaveCount(0);
    await expect(section(app, name)).toContainText(`Not shown from: ${organisation('stort-acute')} (not included)`);
  }
  await expect(section(app, 'Encounters').getByText(organisation('riverside-gp'), { exact: true }).first()).toBeVisible();
});
