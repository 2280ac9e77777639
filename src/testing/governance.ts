/**
 * The governance services for tests that render the record: the sandbox's own audit
 * repository and objection register as MSW handlers (no token checks), always-signed-in
 * accesses for them, and the permission step a user goes through before any retrieval.
 * Test-only: product code never imports mocks/.
 */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, type HttpHandler } from 'msw';
import type { SyntheticWorld } from '../../mocks/data/world';
import { AuditStore } from '../../mocks/sandbox/audit/audit-store';
import { createAuditHandler } from '../../mocks/sandbox/audit/audit-handler';
import { createRegisterHandler } from '../../mocks/sandbox/register/register-handler';
import { PERMISSION_TEXT, type PermissionBasis } from '../domain/policy/permission';
import type { EndpointAccess, EndpointAuthState } from '../smart/endpoint-access';
import type { GovernanceAccesses } from '../smart/governance-accesses';
import { topology } from './world';

export function governanceHandlers(world: SyntheticWorld): { handlers: HttpHandler[]; audit: AuditStore } {
  const audit = new AuditStore();
  const handlers = [
    { base: topology.audit.baseUrl, handle: createAuditHandler({ topology, store: audit }) },
    { base: topology.objectionRegister.baseUrl, handle: createRegisterHandler({ topology, consents: world.objectionRegister }) },
  ].flatMap(({ base, handle }) => {
    const resolver = ({ request }: { request: Request }) => handle(request);
    return [http.all(`${base}/*`, resolver), http.all(base, resolver)];
  });
  return { handlers, audit };
}

export function serviceAccess(id: string, baseUrl: string): EndpointAccess {
  const authorised: EndpointAuthState = { state: 'authorised' };
  return {
    endpointId: id, origin: new URL(baseUrl).origin,
    authorise: async () => authorised, signInInteractively: async () => authorised, getHeaders: async () => ({}),
    reauthorise: async () => undefined, dispose: () => undefined, subscribe: () => () => undefined, current: () => authorised,
  };
}

export function fakeGovernanceAccesses(): GovernanceAccesses {
  return { audit: serviceAccess('audit', topology.audit.baseUrl), register: serviceAccess('objection-register', topology.objectionRegister.baseUrl) };
}

/** Answers the permission question as a user would, and waits until it is recorded. */
export async function recordPermission(basis: PermissionBasis = 'patient-consented'): Promise<void> {
  await userEvent.click(await screen.findByRole('radio', { name: PERMISSION_TEXT[basis] }, { timeout: 10_000 }));
  const button = screen.getByRole('button', { name: 'Record and continue' });
  await waitEnabled(button);
  await userEvent.click(button);
  await screen.findByText(/^Viewing on this basis|^Nothing has been retrieved/, {}, { timeout: 10_000 });
}

async function waitEnabled(el: HTMLElement): Promise<void> {
  for (let i = 0; i < 100 && (el as HTMLButtonElement).disabled; i++) await new Promise((r) => setTimeout(r, 20));
}
