import { expect, test } from '@playwright/test';
import { sandboxTopology } from '../mocks/sandbox/topology';
import { recordPermission, section } from './helpers';
import { ownSandbox } from './own-sandbox';
import { E2E_PORT_BASE } from './ports';

/**
 * A deploying engineer's own test patients: a second sandbox started with
 * SANDBOX_DATA=e2e/sandbox-data (on its own ports), Rowan Testington launched from the GP
 * host like any other patient, and the records from both files shown. Expectations are
 * read from the files themselves.
 */
const topology = sandboxTopology(E2E_PORT_BASE + 500);
const sandbox = ownSandbox(topology.portBase, { SANDBOX_DATA: 'e2e/sandbox-data' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const out = await sandbox.start();
  expect(out).toContain('SANDBOX_DATA: 3 resources from riverside-gp.ndjson');
});

test.afterAll(() => sandbox.stop());

test('a patient from SANDBOX_DATA is listed by the GP host, launches, and shows records from both files', async ({ page }) => {
  const gp = topology.hosts.find((h) => h.id === 'gp')!;
  await page.goto(`${gp.origin}/`);
  const row = page.getByRole('row', { name: /TESTINGTON, Rowan/ });
  await expect(row).toContainText('999 912 3457');
  await page.getByRole('button', { name: 'Open My Care Record for TESTINGTON, Rowan', exact: true }).click();
  const app = page.frameLocator('#app-frame');
  await recordPermission(app, 'patient-consented');
  const banner = app.getByRole('region', { name: /patient/i });
  await expect(banner).toContainText('TESTINGTON');
  await expect(banner).toContainText('999 912 3457');
  // riverside-gp.ndjson: the MedicationRequest naming its contained Medication.
  await expect(section(app, 'Medications').getByText('Paracetamol 500mg tablets').first()).toBeVisible({ timeout: 30_000 });
  // ouse-valley-acute.ndjson: the same NHS number at the hospital, its attendance.
  await expect(section(app, 'Encounters')).toContainText('Emergency department attendance', { timeout: 30_000 });
  await expect(section(app, 'Encounters')).toContainText('Blood pressure review');
});
