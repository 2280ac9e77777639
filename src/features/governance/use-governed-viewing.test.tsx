import { QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { PractitionerRole } from 'fhir/r4';
import type { ReactNode } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AuditStore } from '../../../mocks/sandbox/audit/audit-store';
import { fakeGovernanceAccesses, governanceHandlers } from '../../testing/governance';
import { createTestQueryClient } from '../../testing/render';
import { server } from '../../testing/server';
import { encounter } from '../../testing/records';
import { loadWorld, worldConfig } from '../../testing/world';
import type { FhirTransport } from '../../fhir/types';
import { useGovernedViewing, type DecidedBasis } from './use-governed-viewing';

/**
 * The viewing decision as a hook (src/features/governance): who may reveal or override
 * comes from the one rule in domain/policy, every reveal and override is stored in the
 * audit trail before it takes effect, and each says who acted, when and why.
 */
const NOW = () => new Date('2026-11-21T10:00:00Z');
const SNOMED = 'http://snomed.info/sct';
const roleOf = (code: string): PractitionerRole => ({ resourceType: 'PractitionerRole', code: [{ coding: [{ system: SNOMED, code }] }] });
const GP_ROLE = roleOf('62247001'); // general practitioner
const SOCIAL_WORKER = roleOf('106328005'); // social worker
let audit: AuditStore;

beforeEach(async () => {
  const { world, handlers } = await loadWorld();
  const governance = governanceHandlers(world);
  audit = governance.audit;
  server.use(...handlers, ...governance.handlers);
}, 30_000);

function viewing(role: PractitionerRole, onBasisDecided?: (r: DecidedBasis) => void) {
  const config = worldConfig();
  const client = createTestQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  const audited = fakeGovernanceAccesses().audit!;
  return renderHook(
    () =>
      useGovernedViewing({
        session: { iss: config.endpoints[0]!.fhirBaseUrl, fhirUser: `${config.endpoints[0]!.fhirBaseUrl}/Practitioner/p1`, patientId: 'p1' },
        config,
        audit: { access: audited, service: config.audit! },
        user: { practitioner: { resourceType: 'Practitioner', name: [{ prefix: ['Dr'], given: ['Amelia'], family: 'Hart' }] }, role },
        nhsNumber: '9434765919',
        now: NOW,
        ...(onBasisDecided ? { onBasisDecided } : {}),
      }),
    { wrapper },
  );
}

describe('useGovernedViewing', () => {
  it('lets a clinician reveal by item: stored in the audit trail first, then each item noted with who, when and why', async () => {
    const { result } = viewing(GP_ROLE);
    expect(result.current.role).toBe('clinical');
    expect(result.current.mayReveal).toBe(true);
    const item = encounter('e1', {}, { endpointId: 'fenland-mh', organisationName: 'Fenland', odsCode: 'RMY01' });
    await act(() => result.current.reveal('fenland-mh', 'Planning discharge medicines', [item]));
    expect(audit.all().some((s) => s.event.subtype?.[0]?.code === 'restricted-revealed')).toBe(true);
    expect(result.current.revealed.get(item.key)).toEqual({ by: expect.stringContaining('Hart'), at: '2026-11-21T10:00:00.000Z', reason: 'Planning discharge medicines' });
  });

  it('notes an override with the reason, the user’s words, who and when, once the AuditEvent is stored', async () => {
    const { result } = viewing(GP_ROLE);
    await act(() => result.current.override('fenland-mh', 'risk-of-harm', 'In crisis in A&E'));
    expect(audit.all().some((s) => s.event.subtype?.[0]?.code === '110127')).toBe(true);
    await waitFor(() => expect(result.current.overrides.get('fenland-mh')).toMatchObject({ reason: 'risk-of-harm', explanation: 'In crisis in A&E', at: '2026-11-21T10:00:00.000Z' }));
  });

  it('hands a basis to retrieval at the decision, and sends a query made under it only once the permission is stored', async () => {
    const permissionStored = () => audit.all().some((s) => s.event.subtype?.[0]?.code === 'permission-to-view');
    const handed: Array<{ basis: string; purpose: string; permissionStored: boolean }> = [];
    const sent: Array<{ path: string; permissionStored: boolean }> = [];
    let answered: Promise<unknown> = Promise.resolve();
    const endpoint = worldConfig().endpoints[0]!;
    const plain = (): FhirTransport => ({
      baseUrl: endpoint.fhirBaseUrl,
      get: () => Promise.reject(new Error('not used')),
      batchSearch: () => Promise.reject(new Error('not used')),
      searchAll: async (path) => {
        sent.push({ path, permissionStored: permissionStored() });
        return { resources: [], outcomes: [], pages: 1 };
      },
    });
    const { result } = viewing(GP_ROLE, (r) => {
      handed.push({ basis: r.basis, purpose: r.session.purposeOfUse, permissionStored: permissionStored() });
      answered = r.audited(endpoint, r.session.purposeOfUse, plain).searchAll('Condition?patient=p1');
    });
    await act(() => result.current.recordBasis('best-interests'));
    await answered;
    // 'best-interests' is emergency treatment (v3-ActReason ETREAT); handed over before it was stored.
    expect(handed).toEqual([{ basis: 'best-interests', purpose: 'ETREAT', permissionStored: false }]);
    // The query prepared then left only once the permission was stored.
    expect(sent).toEqual([{ path: 'Condition?patient=p1', permissionStored: true }]);
    expect(result.current.basis).toBe('best-interests');
  });

  it('refuses a social worker’s reveal and override (the rule in domain/policy), and records nothing', async () => {
    const { result } = viewing(SOCIAL_WORKER);
    expect(result.current.role).toBe('social-care');
    expect(result.current.mayReveal).toBe(false);
    expect(result.current.mayOverride).toBe(false);
    await expect(result.current.reveal('fenland-mh', 'Planning discharge medicines', [encounter('e1')])).rejects.toThrow('This reveal is not allowed');
    await expect(result.current.override('fenland-mh', 'risk-of-harm', 'In crisis in A&E')).rejects.toThrow('This override is not allowed');
    expect(audit.all().filter((s) => ['restricted-revealed', '110127'].includes(s.event.subtype?.[0]?.code ?? ''))).toEqual([]);
    expect(result.current.revealed.size).toBe(0);
  });
});
