import { expect, test } from '@playwright/test';
import { PERMISSION_TEXT } from '../src/domain/policy/permission';
import { auditEvents, eachResource, launchFromHost, organisation, overall, recordPermission, resetGovernance, rewriteFhir, section } from './helpers';
import { world } from './sandbox';

/**
 * Issue "Governance that holds at every edge", end to end in Chromium against the running
 * sandbox: the basis for viewing the record of a patient who has died, and a resource
 * nested thousands of levels deep that must neither overflow the detail view nor take
 * the rest of the record with it. (Concealed involvement: governance.spec.ts, "a social
 * worker never sees a sensitive item".)
 */

test.afterEach(resetGovernance);

test('for a patient who has died the viewer asks no permission question: the reasons after death, audited with their purpose of use', async ({ page }) => {
  const since = new Date().toISOString();
  const { app } = await launchFromHost(page, 'gp', world.cases.deceased, { permission: null });
  const question = app.getByRole('group', { name: 'The patient has died. Why are you viewing their shared record?' });
  await expect(question).toBeVisible({ timeout: 30_000 });
  await expect(app.getByRole('radio', { name: PERMISSION_TEXT['patient-consented'] })).toHaveCount(0);
  await expect(app.getByRole('radio', { name: PERMISSION_TEXT['patient-refused'] })).toHaveCount(0);
  await expect(question.getByRole('radio')).toHaveCount(3);
  await recordPermission(app, 'confirming-death');
  await expect(app.getByText(/^Viewing on this basis: Confirming or certifying the death \(purpose: a legal duty\)/)).toBeVisible();
  await expect(overall(app)).not.toContainText('Still loading', { timeout: 30_000 });
  const events = (await auditEvents(since)).map((s) => s.event);
  const permission = events.find((e) => e.subtype?.[0]?.code === 'permission-to-view')!;
  expect(permission.entity?.[1]?.detail?.[0]?.valueString).toBe('https://fhir.my-care-record.example/CodeSystem/permission-basis|confirming-death');
  const purposes = new Set(events.map((e) => e.agent.find((a) => a.requestor)?.purposeOfUse?.[0]?.coding?.[0]?.code));
  expect([...purposes]).toEqual(['HLEGAL']);
});

test('an Encounter nested 5,000 extensions deep opens in the detail view without overflowing, and the record stays on screen', async ({ page }) => {
  await rewriteFhir(page, 'riverside-gp', (body) => {
    const encounters: Record<string, unknown>[] = [];
    eachResource(body, (r) => void (r.resourceType === 'Encounter' && encounters.push(r)));
    // Nested after the walk, so that the test's own (recursive) walk never meets the nest.
    for (const r of encounters) {
      let ext: Record<string, unknown> = { url: 'http://example.org/leaf', valueString: 'bottom of the nest' };
      for (let i = 0; i < 5000; i++) ext = { url: `http://example.org/level-${i}`, extension: [ext] };
      r.extension = [ext];
    }
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const { app } = await launchFromHost(page, 'gp', 'whitfield-margaret');
  await expect(overall(app)).not.toContainText('Still loading', { timeout: 45_000 });
  const encounters = section(app, 'Encounters');
  await encounters.getByRole('button', { name: new RegExp(`^View .* from ${organisation('riverside-gp')}$`) }).first().click();
  const dialog = app.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByText(/^All fields in the source record/).click();
  await expect(dialog.getByText('One part of this record is nested too deeply to display safely, and is not shown.')).toBeVisible();
  await expect(dialog).not.toContainText('bottom of the nest');
  await expect(dialog.getByRole('cell', { name: 'Encounter', exact: true })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(section(app, 'Medications')).toBeVisible();
  await expect(app.getByText('The record could not be shown')).toHaveCount(0);
  expect(errors).toEqual([]);
});
