import { expect, type FrameLocator, type Page } from '@playwright/test';
import type { EndpointFault } from '../mocks/sandbox/faults';
import { patientAt, topology } from './sandbox';

/** Sets one endpoint's fault through the running sandbox's admin API. */
export async function setFault(endpointId: string, fault: Partial<EndpointFault>): Promise<void> {
  const res = await fetch(`${topology.homeOrigin}/admin/faults/${endpointId}`, {
    method: 'PUT',
    body: JSON.stringify({ mode: 'none', latencyMs: 0, ...fault }),
  });
  expect(res.status, await res.text()).toBe(200);
}

export async function clearFaults(): Promise<void> {
  await Promise.all(topology.endpoints.map((e) => setFault(e.id, {})));
}

/** Opens a host system and launches the viewer for one person inside its iframe. */
export async function launchFromHost(page: Page, hostId: string, personKey?: string) {
  const host = topology.hosts.find((h) => h.id === hostId)!;
  const expected = patientAt(host, personKey);
  await page.goto(`${host.origin}/`);
  await page.getByRole('button', { name: `Open My Care Record for ${expected.hostListName}`, exact: true }).click();
  return { host, expected, app: page.frameLocator('#app-frame') };
}

export const organisation = (endpointId: string) => topology.endpoints.find((e) => e.id === endpointId)!.organisationName;

/** One organisation's line in the source status strip. */
export function sourceLine(app: FrameLocator, endpointId: string) {
  return app.getByRole('region', { name: 'Sources' }).getByRole('listitem').filter({ hasText: organisation(endpointId) });
}

export function overall(app: FrameLocator) {
  return app.getByRole('region', { name: 'Sources' }).getByRole('status');
}

export function section(app: FrameLocator, name: 'Alerts' | 'Medications' | 'Encounters' | 'Care plans') {
  return app.getByRole('region', { name, exact: true });
}
