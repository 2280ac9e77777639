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

/** The permission as a barrier (recordFirst, docs/adr/0013): what is announced after it waits for its storage. */
describe('createAuditTrail: recordFirst', () => {
  const QUERY = {
    kind: 'query' as const,
    interaction: 'search' as const,
    server: { endpointId: 'riverside-gp', name: 'Riverside Surgery', baseUrl: 'http://localhost:8430/fhir' },
    url: 'http://localhost:8430/fhir/Condition?patient=p1',
    transactionId: 'req-1',
    outcome: '0' as const,
  };
  const tick = () => new Promise((r) => setTimeout(r, 20));

  it.each([
    ['given the events at the write', false],
    ['that serialises them ahead (prepare)', true],
  ])('writes events announced after it only once its own are stored, in a request of their own, stamped when written: a client %s', async (_name, prepares) => {
    let clock = new Date('2026-11-21T10:00:00Z');
    const writes: Array<{ subtypes: string[]; recorded: string[] }> = [];
    const stores: Array<() => void> = [];
    const write: AuditClient['write'] = (events, o) => {
      writes.push({ subtypes: events.map((e) => e.subtype?.[0]?.code ?? ''), recorded: events.map((e) => e.recorded) });
      o?.onSent?.();
      return new Promise<void>((resolve) => stores.push(resolve));
    };
    const client: AuditClient = {
      warm: async () => undefined,
      write,
      // As createAuditClient's: the events kept as they were built, the time put in at the write.
      ...(prepares ? { prepare: (events) => ({ write: (recorded, o) => write(events.map((e) => ({ ...e, recorded })), o) }) } : {}),
    };
    const trail = createAuditTrail({ client, now: () => clock });
    const { stored: permissionStored } = trail.recordFirst(SESSION, [PERMISSION]);
    // Announced in the same turn as the decision, as the record's queries are.
    const query = trail.announce(SESSION, [QUERY]);
    let querySent = false;
    void query.sent.then(() => (querySent = true));
    await tick();
    expect(writes).toEqual([{ subtypes: ['permission-to-view'], recorded: ['2026-11-21T10:00:00.000Z'] }]);
    expect(querySent).toBe(false);

    clock = new Date('2026-11-21T10:00:00.400Z');
    stores[0]!();
    await permissionStored;
    await query.sent;
    expect(writes).toEqual([
      { subtypes: ['permission-to-view'], recorded: ['2026-11-21T10:00:00.000Z'] },
      { subtypes: ['search'], recorded: ['2026-11-21T10:00:00.400Z'] },
    ]);
    stores[1]!();
    await expect(query.stored).resolves.toBeUndefined();
  });

  it('writes nothing announced after it when its own are not stored: what waits on "sent" finds the trail failed', async () => {
    const writes: string[][] = [];
    const client: AuditClient = {
      warm: async () => undefined,
      write: (events) => {
        writes.push(events.map((e) => e.subtype?.[0]?.code ?? ''));
        // Refused a moment later, as a service's answer comes: the events behind it are ready by then.
        return new Promise<void>((_resolve, reject) =>
          setTimeout(() => reject(Object.assign(new Error('The audit service did not store the record (HTTP 500)'), { name: 'AuditWriteError' })), 10),
        );
      },
    };
    const trail = createAuditTrail({ client, now: NOW });
    const { stored: permissionStored } = trail.recordFirst(SESSION, [PERMISSION]);
    const query = trail.announce(SESSION, [QUERY]);
    await expect(permissionStored).rejects.toThrow('The audit service did not store the record (HTTP 500)');
    await expect(query.stored).rejects.toBeInstanceOf(AuditFailure);
    await expect(query.sent).resolves.toBeUndefined();
    expect(() => trail.assertOpen()).toThrow('The audit service did not store the record (HTTP 500)');
    expect(writes).toEqual([['permission-to-view']]);
  });
});
