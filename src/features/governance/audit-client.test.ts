import type { AuditEvent } from 'fhir/r4';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { AuditStore } from '../../../mocks/sandbox/audit/audit-store';
import { createAuditHandler } from '../../../mocks/sandbox/audit/audit-handler';
import { buildAuditEvent } from '../../domain/audit/build-audit-event';
import type { EndpointAccess, EndpointAuthState } from '../../smart/endpoint-access';
import { server } from '../../testing/server';
import { topology } from '../../testing/world';
import { AuditWriteError, createAuditClient } from './audit-client';

const BASE = topology.audit.baseUrl;

function access(state: EndpointAuthState = { state: 'authorised' }): EndpointAccess {
  return {
    endpointId: 'audit', origin: new URL(BASE).origin, authorise: async () => state, signInInteractively: async () => state,
    getHeaders: async () => ({ Authorization: 'Bearer t' }), reauthorise: async () => undefined, dispose: () => undefined,
    subscribe: () => () => undefined, current: () => state,
  };
}

const event = (basis: 'patient-consented' | 'patient-refused'): AuditEvent =>
  buildAuditEvent(
    { user: { fhirUser: 'http://x/fhir/Practitioner/p' }, app: { clientId: 'c', name: 'My Care Record viewer' }, patient: { nhsNumber: '9990000018' }, purposeOfUse: 'TREAT' },
    { kind: 'permission', basis },
    new Date('2026-11-21T10:00:00Z'),
  );

function serveRepository(store = new AuditStore()) {
  const handle = createAuditHandler({ topology, store });
  server.use(http.all(`${BASE}/*`, ({ request }) => handle(request)), http.all(BASE, ({ request }) => handle(request)));
  return store;
}

/** A batch-response storing one entry (FHIR R4 http.html#transaction-response). */
const stored201 = { resourceType: 'Bundle', type: 'batch-response', entry: [{ response: { status: '201 Created', location: 'AuditEvent/a1/_history/1' } }] };

describe('createAuditClient', () => {
  it('stores one event or several with one batch at the base, and warming stores nothing', async () => {
    const store = serveRepository();
    const client = createAuditClient({ baseUrl: BASE, access: access(), timeoutMs: 2000 });
    const urls: string[] = [];
    const listen = ({ request }: { request: Request }) => void urls.push(`${request.method} ${request.url}`);
    server.events.on('request:start', listen);
    await Promise.all([client.warm(), client.warm()]);
    await client.warm();
    expect(store.all()).toEqual([]);
    await client.write([event('patient-consented')]);
    await client.write([event('patient-refused'), event('patient-consented')]);
    server.events.removeListener('request:start', listen);
    expect(urls).toEqual([`POST ${BASE}`, `POST ${BASE}`, `POST ${BASE}`]);
    expect(store.all().map((s) => s.event.entity?.[1]?.detail?.[0]?.valueString?.split('|')[1])).toEqual(['patient-consented', 'patient-refused', 'patient-consented']);
  });

  it('writes a batch prepared ahead as the same Bundle, every event recorded at the time given at the write', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(BASE, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json({ resourceType: 'Bundle', type: 'batch-response', entry: [{ response: { status: '201 Created' } }, { response: { status: '201 Created' } }] });
      }),
    );
    const client = createAuditClient({ baseUrl: BASE, access: access(), timeoutMs: 2000 });
    const prepared = client.prepare!([event('patient-refused'), event('patient-consented')]);
    await prepared.write('2026-11-21T10:00:00.250Z');
    const stamped = (basis: 'patient-consented' | 'patient-refused') => ({ ...event(basis), recorded: '2026-11-21T10:00:00.250Z' });
    expect(bodies).toEqual([
      {
        resourceType: 'Bundle',
        type: 'batch',
        entry: [
          { resource: stamped('patient-refused'), request: { method: 'POST', url: 'AuditEvent' } },
          { resource: stamped('patient-consented'), request: { method: 'POST', url: 'AuditEvent' } },
        ],
      },
    ]);
  });

  it('fails when the repository does not store the record, saying so plainly', async () => {
    server.use(http.post(BASE, () => HttpResponse.json({ resourceType: 'OperationOutcome' }, { status: 500 })));
    const client = createAuditClient({ baseUrl: BASE, access: access(), timeoutMs: 2000 });
    await expect(client.write([event('patient-consented')])).rejects.toThrow(new AuditWriteError('The audit service did not store the record (HTTP 500)'));
  });

  it('fails when the repository cannot be reached or the viewer cannot sign in to it', async () => {
    server.use(http.post(BASE, () => HttpResponse.error()));
    await expect(createAuditClient({ baseUrl: BASE, access: access(), timeoutMs: 2000 }).write([event('patient-consented')])).rejects.toThrow(
      'The audit service could not be reached',
    );
    const unsigned = access({ state: 'sign-in-needed', reason: 'Your sign-in has ended' });
    await expect(createAuditClient({ baseUrl: BASE, access: unsigned, timeoutMs: 2000 }).write([event('patient-consented')])).rejects.toThrow(
      'The viewer could not sign in to the audit service (Your sign-in has ended)',
    );
  });

  it('does not count a batch as stored unless every entry was', async () => {
    server.use(http.post(BASE, () => HttpResponse.json({ resourceType: 'Bundle', type: 'batch-response', entry: [{ response: { status: '201 Created' } }, { response: { status: '400 Bad Request' } }] })));
    const client = createAuditClient({ baseUrl: BASE, access: access(), timeoutMs: 2000 });
    await expect(client.write([event('patient-consented'), event('patient-refused')])).rejects.toThrow('did not store');
  });

  it('reads the repository’s answer in full before the write counts (nothing left for the timeout to abort)', async () => {
    const answers: Response[] = [];
    const fetchImpl: typeof fetch = async () => {
      const r = new Response(JSON.stringify(stored201), { status: 200, headers: { 'Content-Type': 'application/fhir+json' } });
      answers.push(r);
      return r;
    };
    await createAuditClient({ baseUrl: BASE, access: access(), timeoutMs: 2000, fetch: fetchImpl }).write([event('patient-consented')]);
    expect(answers.map((r) => r.bodyUsed)).toEqual([true]);
  });

  it('signs in again once on a 401, then counts the batch stored', async () => {
    let calls = 0;
    let renewed = 0;
    const fetchImpl: typeof fetch = async () => (++calls === 1 ? new Response(null, { status: 401 }) : new Response(JSON.stringify(stored201), { status: 200 }));
    const a = { ...access(), reauthorise: async () => void renewed++ };
    await createAuditClient({ baseUrl: BASE, access: a, timeoutMs: 2000, fetch: fetchImpl }).write([event('patient-consented')]);
    expect([calls, renewed]).toEqual([2, 1]);
  });
});
