import type { AuditEvent, Bundle } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import type { AccessTokenVerifier } from '../auth/verify';
import { sandboxTopology } from '../topology';
import { AuditStore } from './audit-store';
import { createAuditHandler } from './audit-handler';

const t = sandboxTopology(18400);
const BASE = t.audit.baseUrl;
/** Tokens by name: each with its audience and scope, as the real verifier would find them. */
const TOKENS: Record<string, { aud: string; scope: string }> = {
  writer: { aud: BASE, scope: 'openid fhirUser user/AuditEvent.c' },
  reader: { aud: BASE, scope: 'user/AuditEvent.rs' },
  clinical: { aud: BASE, scope: 'user/*.rs' },
  elsewhere: { aud: t.endpoints[0]!.baseUrl, scope: 'user/AuditEvent.c' },
};
const verify: AccessTokenVerifier = async (token, audience) => {
  const found = token ? TOKENS[token] : undefined;
  if (!found) return { ok: false, reason: 'invalid token' };
  if (found.aud !== audience) return { ok: false, reason: 'token issued for another endpoint' };
  return { ok: true, claims: { iss: 'x', sub: 'u', aud: found.aud, scope: found.scope, client_id: 'c', exp: 0, iat: 0 } };
};

const EVENT: AuditEvent = {
  resourceType: 'AuditEvent',
  type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest' },
  subtype: [{ system: 'http://hl7.org/fhir/restful-interaction', code: 'search' }],
  action: 'E', recorded: '2026-11-21T10:00:00.000Z', outcome: '0',
  agent: [{ type: { coding: [{ code: 'IRCP' }] }, who: { identifier: { system: 'https://fhir.nhs.uk/Id/sds-user-id', value: '555000000101' } }, requestor: true }],
  source: { observer: { display: 'My Care Record viewer' } },
  entity: [{ what: { identifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9990000069' } }, type: { code: '1' }, role: { code: '1' } }],
};

function setup() {
  const store = new AuditStore();
  const handle = createAuditHandler({ topology: t, store, verify, now: () => new Date('2026-11-21T10:00:01Z') });
  const call = (path: string, init: RequestInit & { token?: string } = {}) =>
    handle(new Request(`${BASE}${path}`, { ...init, headers: { origin: t.appOrigin, 'content-type': 'application/fhir+json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) } }));
  return { store, call };
}

describe('the audit repository', () => {
  it('stores an AuditEvent created with a token for it whose scope allows create, and answers 201 with its location', async () => {
    const { store, call } = setup();
    const res = await call('/AuditEvent', { method: 'POST', body: JSON.stringify(EVENT), token: 'writer' });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`${BASE}/AuditEvent/ae-000001/_history/1`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('access-control-allow-origin')).toBe(t.appOrigin);
    expect(store.all()).toEqual([{ event: { ...EVENT, id: 'ae-000001', meta: { versionId: '1', lastUpdated: '2026-11-21T10:00:01.000Z' } }, receivedAt: '2026-11-21T10:00:01.000Z' }]);
  });

  it('stores a batch of creates all or nothing', async () => {
    const { store, call } = setup();
    const batch = (events: unknown[]): Bundle => ({ resourceType: 'Bundle', type: 'batch', entry: events.map((resource) => ({ resource: resource as AuditEvent, request: { method: 'POST', url: 'AuditEvent' } })) });
    const ok = await call('', { method: 'POST', body: JSON.stringify(batch([EVENT, EVENT])), token: 'writer' });
    expect(((await ok.json()) as Bundle).entry?.map((e) => e.response?.status)).toEqual(['201 Created', '201 Created']);
    const bad = await call('', { method: 'POST', body: JSON.stringify(batch([EVENT, { ...EVENT, recorded: 'yesterday' }])), token: 'writer' });
    expect(((await bad.json()) as Bundle).entry?.map((e) => e.response?.status)).toEqual(['409 Conflict', '400 Bad Request']);
    expect(store.all()).toHaveLength(2);
  });

  it('refuses no token, a token for another server, a scope without create, and an event missing what FHIR requires', async () => {
    const { store, call } = setup();
    const post = (token?: string, body: unknown = EVENT) => call('/AuditEvent', { method: 'POST', body: JSON.stringify(body), ...(token ? { token } : {}) });
    expect((await post()).status).toBe(401);
    expect((await post('elsewhere')).status).toBe(401);
    const readOnly = await post('clinical');
    expect(readOnly.status).toBe(403);
    expect(readOnly.headers.get('www-authenticate')).toContain('insufficient_scope');
    const noRecorded = await post('writer', { ...EVENT, recorded: undefined });
    expect(noRecorded.status).toBe(400);
    expect(JSON.stringify(await noRecorded.json())).toContain('AuditEvent.recorded must be an instant with a time zone');
    expect(store.all()).toEqual([]);
  });

  it('is searchable by patient and by user with a read scope, and never by the writer’s create scope', async () => {
    const { call } = setup();
    await call('/AuditEvent', { method: 'POST', body: JSON.stringify(EVENT), token: 'writer' });
    const byPatient = await call(`/AuditEvent?entity:identifier=${encodeURIComponent('https://fhir.nhs.uk/Id/nhs-number|9990000069')}`, { token: 'reader' });
    expect(((await byPatient.json()) as Bundle).total).toBe(1);
    const byUser = await call(`/AuditEvent?agent:identifier=${encodeURIComponent('https://fhir.nhs.uk/Id/sds-user-id|555000000999')}`, { token: 'reader' });
    expect(((await byUser.json()) as Bundle).total).toBe(0);
    expect((await call('/AuditEvent', { token: 'writer' })).status).toBe(403);
    expect((await call('/AuditEvent?name=x', { token: 'reader' })).status).toBe(400);
  });

  it('never updates or deletes', async () => {
    const { call } = setup();
    expect((await call('/AuditEvent/ae-000001', { method: 'PUT', body: '{}', token: 'writer' })).status).toBe(405);
  });
});
