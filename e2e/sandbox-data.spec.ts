import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { sandboxTopology } from '../mocks/sandbox/topology';
import { recordPermission, section } from './helpers';
import { E2E_PORT_BASE } from './ports';

/**
 * A deploying engineer's own test patients: a second sandbox started with
 * SANDBOX_DATA=e2e/sandbox-data (on its own ports), Rowan Testington launched from the GP
 * host like any other patient, and the records from both files shown. Expectations are
 * read from the files themselves.
 */
const topology = sandboxTopology(E2E_PORT_BASE + 500);
let sandbox: ChildProcess;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  sandbox = spawn('npx', ['tsx', 'mocks/sandbox/start.ts'], {
    cwd: resolve(import.meta.dirname, '..'),
    env: { ...process.env, SANDBOX_PORT_BASE: String(topology.portBase), SANDBOX_DATA: 'e2e/sandbox-data' },
    // Its own process group: npx starts tsx, which starts node; stopping only npx would leave
    // the sandbox listening on its ports after the run.
    detached: true,
  });
  let out = '';
  sandbox.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  sandbox.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const started = Date.now();
  while (!out.includes('Press Ctrl-C')) {
    if (sandbox.exitCode !== null || Date.now() - started > 100_000) throw new Error(`the sandbox did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(out).toContain('SANDBOX_DATA: 3 resources from riverside-gp.ndjson');
});

test.afterAll(() => {
  if (sandbox?.pid) process.kill(-sandbox.pid, 'SIGTERM');
});

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
