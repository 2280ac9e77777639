import { describe, expect, it } from 'vitest';
import type { AuditSession } from '../../domain/audit/audit-types';
import type { AuditClient } from './audit-client';
import { AuditFailure, createAuditTrail } from './audit-trail';

const SESSION: AuditSession = {
  user: { fhirUser: 'http://localhost:8430/fhir/Practitioner/gp' },
  app: { clientId: 'my-care-record-viewer', name: 'My Care Record viewer' },
  patient: { nhsNumber: '9990000069' },
  purposeOfUse: 'TREAT',
};
const PERMISSION = { kind: 'permission' as const, basis: 'patient-consented' as const };
const NOW = () => new Date('2026-11-21T10:00:00Z');

/** The audit trail's two moments: a batch handed to the browser ("sent") and stored. */
describe('createAuditTrail: sent, then stored', () => {
  it('says a batch was sent as soon as the request is handed over, before the service has stored it', async () => {
    const log: string[] = [];
    let store: () => void = () => undefined;
    const client: AuditClient = {
      warm: async () => undefined,
      write: (_events, o) => {
        o?.onSent?.();
        return new Promise<void>((resolve) => (store = resolve));
      },
    };
    const trail = createAuditTrail({ client, now: NOW });
    const { sent, stored } = trail.announce(SESSION, [PERMISSION]);
    void sent.then(() => log.push('sent'));
    void stored.then(() => log.push('stored'));
    await sent;
    await new Promise((r) => setTimeout(r, 5));
    expect(log).toEqual(['sent']);
    store();
    await stored;
    expect(log).toEqual(['sent', 'stored']);
  });

  it('settles "sent" when the write fails before anything was sent, and fails the trail', async () => {
    const client: AuditClient = {
      warm: async () => undefined,
      write: () => Promise.reject(Object.assign(new Error('The viewer could not sign in to the audit service'), { name: 'AuditWriteError' })),
    };
    const trail = createAuditTrail({ client, now: NOW });
    const { sent, stored } = trail.announce(SESSION, [PERMISSION]);
    await expect(stored).rejects.toBeInstanceOf(AuditFailure);
    await expect(sent).resolves.toBeUndefined();
    // What waits on "sent" checks the trail again before it sends anything.
    expect(() => trail.assertOpen()).toThrow(AuditFailure);
  });
});
