import { expect, test } from '@playwright/test';
import { PERMISSION_TEXT } from '../src/domain/policy/permission';
import { auditEvents, eachResource, launchFromHost, overall, recordPermission, resetGovernance, section } from './helpers';
import { topology, world } from './sandbox';

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

test('a social worker is not offered confirming or certifying the death as a reason to view', async ({ page }) => {
  const { app } = await launchFromHost(page, 'social-care', world.cases.deceased, { permission: null });
  const question = app.getByRole('group', { name: 'The patient has died. Why are you viewing their shared record?' });
  await expect(question).toBeVisible({ timeout: 30_000 });
  // The role is read from the host's PractitionerRole: until then the question shows the narrower set too.
  await expect(question.getByRole('radio')).toHaveCount(2);
  await expect(question.getByRole('radio', { name: PERMISSION_TEXT['confirming-death'] })).toHaveCount(0);
  await expect(question.getByRole('radio', { name: PERMISSION_TEXT.safeguarding })).toBeVisible();
  await expect(question.getByRole('radio', { name: PERMISSION_TEXT['care-of-family'] })).toBeVisible();
});

test('an Encounter nested 5,000 extensions deep opens in the detail view without overflowing, and the record stays on screen', async ({ page }) => {
  // Built as text: serialisers (Playwright's included) recurse, and 5,000 levels would overflow them.
  const open = '{"url":"http://example.org/level","extension":['.repeat(5000);
  const nest = `${open}{"url":"http://example.org/leaf","valueString":"bottom of the nest"}${']}'.repeat(5000)}`;
  // Every organisation's Encounters are nested, so whichever the list shows first is one.
  const bases = topology.endpoints.map((e) => e.baseUrl);
  await page.route((url) => bases.some((base) => url.href === base || url.href.startsWith(`${base}/`) || url.href.startsWith(`${base}?`)), async (route) => {
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
    eachResource(body, (r) => {
      if (r.resourceType === 'Encounter') r.extension = ['__NEST__'];
    });
    const { 'content-length': _length, 'content-encoding': _encoding, ...headers } = response.headers();
    await route.fulfill({ status: response.status(), headers, body: JSON.stringify(body).replaceAll('"__NEST__"', nest) });
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const { app } = await launchFromHost(page, 'gp', 'whitfield-margaret');
  await expect(overall(app)).not.toContainText('Still loading', { timeout: 45_000 });
  const encounters = section(app, 'Encounters');
  await encounters.getByRole('button', { name: /^View / }).first().click();
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
