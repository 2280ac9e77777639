import { expect, test, type FrameLocator, type Locator, type Page } from '@playwright/test';
import type { AuditEvent } from 'fhir/r4';
import { sandboxTopology } from '../mocks/sandbox/topology';
import { PERMISSION_TEXT } from '../src/domain/policy/permission';
import { section, sourceLine } from './helpers';
import { ownSandbox } from './own-sandbox';
import { E2E_PORT_BASE } from './ports';
import { patientAt, world } from './sandbox';

/**
 * The viewer against authorisation servers that behave like many real ones: a second
 * sandbox started with SANDBOX_AUTH=strict on its own ports (its own process group, as
 * e2e/sandbox-data.spec.ts does), where prompt=none is refused with login_required, no
 * refresh tokens are issued, tokens carry only the scopes asked for and the FHIR servers
 * enforce them. Launched from the GP host; the audit service, the objection register and a
 * second endpoint are each signed in to with a click; then the record is shown.
 */
const topology = sandboxTopology(E2E_PORT_BASE + 600);
const sandbox = ownSandbox(topology.portBase, { SANDBOX_AUTH: 'strict' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const out = await sandbox.start();
  expect(out).toContain('SANDBOX_AUTH=strict');
});

test.afterAll(() => sandbox.stop());

const org = (id: string) => topology.endpoints.find((e) => e.id === id)!.organisationName;

/**
 * Clicks a "Sign in to …" button and lets the pop-up finish: the browser is already signed
 * in at the authorisation server (the EHR launch), so the window signs in and closes
 * without a form; if the server shows its sign-in page, the launching user is chosen.
 */
async function signInWithPopup(page: Page, button: Locator): Promise<void> {
  const opened = page.context().waitForEvent('page');
  await button.click();
  const popup = await opened;
  const gpUser = topology.hosts.find((h) => h.id === 'gp')!.user;
  const form = popup.getByRole('button', { name: `Sign in as ${gpUser.prefix} ${gpUser.given} ${gpUser.family}` });
  await Promise.race([
    popup.waitForEvent('close', { timeout: 30_000 }),
    form.click({ timeout: 30_000 }).then(() => popup.waitForEvent('close', { timeout: 30_000 })),
  ]).catch(() => undefined);
  await expect(button).toBeHidden({ timeout: 30_000 });
}

async function auditEvents(): Promise<AuditEvent[]> {
  const stored = (await (await fetch(`${topology.homeOrigin}/admin/audit-events`)).json()) as { event: AuditEvent }[];
  return stored.map((s) => s.event);
}

test('strict sign-in: launch, sign in to the audit service, the register and a second endpoint with a click each, and see the record', async ({ page }) => {
  test.setTimeout(120_000);
  const gp = topology.hosts.find((h) => h.id === 'gp')!;
  const person = world.cases.sixOrganisations;
  const expected = patientAt(gp, person);
  // Expectations from the data: the one encounter Lea and Stort Hospitals hold for this person.
  const stortPatient = world.people.find((p) => p.key === person)!.patientIds['stort-acute'];
  const stortEncounter = (world.byEndpoint['stort-acute'] ?? []).find(
    (r) => r.resourceType === 'Encounter' && r.subject?.reference === `Patient/${stortPatient}`,
  );
  const stortText = stortEncounter?.resourceType === 'Encounter' ? stortEncounter.type?.[0]?.text : undefined;
  expect(stortText).toBeTruthy();

  await page.goto(`${gp.origin}/`);
  await page.getByRole('button', { name: `Open My Care Record for ${expected.hostListName}`, exact: true }).click();
  const app: FrameLocator = page.frameLocator('#app-frame');
  await expect(app.getByRole('region', { name: /patient/i })).toContainText(expected.family, { timeout: 30_000 });

  // The audit service refused the silent sign-in: nothing can be recorded, so nothing is decided, until the user signs in.
  await app.getByRole('radio', { name: PERMISSION_TEXT['patient-consented'] }).check({ timeout: 30_000 });
  await expect(app.getByRole('button', { name: 'Sign in to the audit service first' })).toBeDisabled({ timeout: 30_000 });
  expect(await auditEvents()).toEqual([]);
  await signInWithPopup(page, app.getByRole('button', { name: 'Sign in to the audit service', exact: true }));
  const record = app.getByRole('button', { name: 'Record and continue' });
  await expect(record).toBeEnabled();
  await record.click();
  await expect(app.getByText(/^Viewing on this basis/)).toBeVisible({ timeout: 15_000 });
  expect((await auditEvents()).map((e) => e.subtype?.[0]?.code)).toContain('permission-to-view');

  // The objection register refused too: its own "Sign in to", then its answer.
  await signInWithPopup(page, app.getByRole('button', { name: 'Sign in to the objection register', exact: true }));

  // The launching practice: the launch's own token, no second sign-in.
  await expect(sourceLine(app, 'riverside-gp')).toContainText('Up to date', { timeout: 30_000 });
  // Every other organisation asks for a sign-in with a window (none happened silently).
  await expect(sourceLine(app, 'fenland-mh')).toContainText('Sign-in needed', { timeout: 30_000 });
  await expect(sourceLine(app, 'stort-acute')).toContainText('Sign-in needed');
  await signInWithPopup(page, app.getByRole('button', { name: `Sign in to ${org('stort-acute')}`, exact: true }));
  await expect(sourceLine(app, 'stort-acute')).toContainText('Up to date', { timeout: 30_000 });
  await expect(section(app, 'Encounters')).toContainText(stortText!, { timeout: 30_000 });
  // Every search of the record was audited in the strict audit service.
  const subtypes = (await auditEvents()).map((e) => e.subtype?.[0]?.code);
  expect(subtypes.filter((s) => s === 'search').length).toBeGreaterThan(1);
});
