import type { AuditEvent } from 'fhir/r4';
import { describe, expect, it, vi } from 'vitest';
import type { AuditSession } from '../../domain/audit/audit-types';
import { fromBase64Utf8 } from '../../domain/audit/base64';
import { FhirError } from '../../fhir/errors';
import type { FhirTransport, SearchResult } from '../../fhir/types';
import type { AuditClient } from './audit-client';
import { AuditFailure, createAuditTrail } from './audit-trail';
import { auditedTransport, localPatientId } from './audited-transport';

const BASE = 'http://localhost:8431/fhir';
const SESSION: AuditSession = {
  user: { fhirUser: 'http://localhost:8430/fhir/Practitioner/gp', sdsUserId: '555000000101' },
  app: { clientId: 'my-care-record-viewer', name: 'My Care Record viewer' },
  patient: { nhsNumber: '9990000069' },
  purposeOfUse: 'TREAT',
};
const SERVER = { endpointId: 'fenland-mh', name: 'Fenland Mental Health NHS Foundation Trust', baseUrl: BASE, odsCode: 'R9M01' };
const found: SearchResult = { resources: [], outcomes: [], pages: 1 };

function setup(opts: { write?: (events: AuditEvent[]) => Promise<void>; search?: () => Promise<SearchResult>; failsBeforeSending?: boolean } = {}) {
  const log: string[] = [];
  const written: AuditEvent[] = [];
  const client: AuditClient = {
    warm: async () => undefined,
    write: vi.fn(async (events: AuditEvent[], o?: { onSent?: () => void }) => {
      log.push(`audit ${events.length}`);
      if (!opts.failsBeforeSending) o?.onSent?.();
      await (opts.write ?? (async () => undefined))(events);
      written.push(...events);
    }),
  };
  const trail = createAuditTrail({ client, now: () => new Date('2026-11-21T10:00:00Z') });
  const headers: Record<string, string>[] = [];
  const plain = (h: Record<string, string>): FhirTransport => {
    headers.push(h);
    return {
      baseUrl: BASE,
      get: vi.fn(async (path: string) => {
        log.push(`get ${path}`);
        return { resourceType: 'CapabilityStatement' } as never;
      }),
      searchAll: vi.fn(async (path: string) => {
        log.push(`search ${path}`);
        return (opts.search ?? (async () => found))();
      }),
      batchSearch: vi.fn(async (paths: string[]) => {
        log.push(`batch ${paths.length}`);
        return [
          { path: paths[0]!, ok: true as const, result: found },
          { path: paths[1]!, ok: false as const, error: new FhirError({ kind: 'http', status: 500, reason: 'The server answered 500 Internal Server Error' }) },
        ];
      }),
    };
  };
  let n = 0;
  const transport = auditedTransport({ plain, trail, session: SESSION, server: SERVER, purpose: 'BTG', newRequestId: () => `req-${++n}` });
  return { transport, trail, log, written, headers, client };
}

describe('auditedTransport', () => {
  it('writes one AuditEvent per search, and hands the answer over only once it is stored', async () => {
    let release: () => void = () => undefined;
    const { transport, log, written, headers } = setup({ write: () => new Promise<void>((r) => (release = r)) });
    let answered = false;
    const pending = transport.searchAll('Encounter?patient=MH1&_count=200').then(() => (answered = true));
    await vi.waitFor(() => expect(log).toEqual(['audit 1', 'search Encounter?patient=MH1&_count=200']));
    expect(answered).toBe(false);
    release();
    await pending;
    expect(headers.at(-1)).toEqual({ 'X-Request-Id': 'req-1', 'X-Purpose-Of-Use': 'BTG' });
    const [event] = written;
    expect(event?.subtype?.[0]?.code).toBe('search');
    expect(event?.outcome).toBe('0');
    expect(event?.agent[0]?.purposeOfUse?.[0]?.coding?.[0]?.code).toBe('BTG');
    expect(event?.entity?.[0]?.what?.reference).toBe(`${BASE}/Patient/MH1`);
    expect(fromBase64Utf8(event?.entity?.[1]?.query ?? '')).toBe(`GET ${BASE}/Encounter?patient=MH1&_count=200`);
    expect(event?.entity?.[2]?.what?.identifier?.value).toBe('req-1');
  });

  it('audits a failed search too, with its outcome, and still gives the caller the original error', async () => {
    const error = new FhirError({ kind: 'network', reason: 'Could not connect to the server' });
    const { transport, written } = setup({ search: () => Promise.reject(error) });
    await expect(transport.searchAll('Patient?identifier=x')).rejects.toBe(error);
    // The event written as the query went out, then the failure under the same request id.
    expect(written.map((e) => [e.outcome, e.entity?.[2]?.what?.identifier?.value])).toEqual([['0', 'req-1'], ['8', 'req-1']]);
    expect(written[1]).toMatchObject({ outcome: '8', outcomeDesc: 'Could not connect to the server' });
  });

  it('writes one event per search of a batch, all under the batch’s one request id', async () => {
    const { transport, written } = setup();
    await transport.batchSearch(['CarePlan?patient=MH1', 'Flag?patient=MH1']);
    expect(written.map((e) => [e.outcome, e.entity?.[2]?.what?.identifier?.value])).toEqual([['0', 'req-1'], ['0', 'req-1'], ['8', 'req-1']]);
  });

  it('sends the AuditEvent just ahead of its query, not after it is stored, and answers only when both have succeeded', async () => {
    let stored: () => void = () => undefined;
    let answer: (r: SearchResult) => void = () => undefined;
    const { transport, log } = setup({ write: () => new Promise<void>((r) => (stored = r)), search: () => new Promise<SearchResult>((r) => (answer = r)) });
    let answered = false;
    const pending = transport.searchAll('Flag?patient=MH1').then(() => (answered = true));
    // Both are out before either has answered: the event first.
    await vi.waitFor(() => expect(log).toEqual(['audit 1', 'search Flag?patient=MH1']));
    answer(found);
    await new Promise((r) => setTimeout(r, 10));
    expect(answered).toBe(false);
    stored();
    await pending;
    expect(answered).toBe(true);
  });

  it('writes the AuditEvents of every organisation asked in the same task in one batch, sent ahead of their queries', async () => {
    const log: string[] = [];
    const client: AuditClient = {
      warm: async () => undefined,
      write: async (events, o) => {
        log.push(`audit sent: ${events.length}`);
        o?.onSent?.();
        await new Promise((r) => setTimeout(r, 5));
        log.push('audit stored');
      },
    };
    // The trail reads the clock once when it builds a batch's events: that is when the building starts.
    const trail = createAuditTrail({ client, now: () => (log.push('audit built'), new Date('2026-11-21T10:00:00Z')) });
    const organisation = (id: string, base: string) =>
      auditedTransport({
        trail, session: SESSION, server: { ...SERVER, endpointId: id, baseUrl: base }, purpose: 'TREAT',
        plain: () => ({
          baseUrl: base,
          get: vi.fn(),
          searchAll: vi.fn(),
          // Like the real transport, the request goes out after an await (its headers).
          batchSearch: vi.fn(async (paths: string[]) => {
            await Promise.resolve();
            log.push(`sent to ${id}`);
            return paths.map((path) => ({ path, ok: true as const, result: found }));
          }),
        }),
      });
    const paths = ['Encounter?patient=P1', 'Condition?patient=P1', 'Flag?patient=P1'];
    await Promise.all([organisation('mh', 'http://mh/fhir').batchSearch(paths), organisation('acute', 'http://acute/fhir').batchSearch(paths)]);
    // One batch for both organisations; each query leaves once it has gone, not once it is stored.
    expect(log).toEqual(['audit built', 'audit sent: 6', 'sent to mh', 'sent to acute', 'audit stored']);
  });

  it('does not audit metadata, which is about no patient', async () => {
    const { transport, client } = setup();
    await transport.get('metadata');
    expect(client.write).not.toHaveBeenCalled();
  });

  it('fails closed: an audit write refused fails the trail, and no further request is sent', async () => {
    const { transport, trail, log } = setup({ failsBeforeSending: true, write: () => Promise.reject(Object.assign(new Error('The audit service did not store the record (HTTP 500)'), { name: 'AuditWriteError' })) });
    const listener = vi.fn();
    trail.subscribe(listener);
    await expect(transport.searchAll('Encounter?patient=MH1')).rejects.toBeInstanceOf(AuditFailure);
    // Its events were refused before they could be sent: the query itself never left.
    expect(log).toEqual(['audit 1']);
    expect(trail.current()).toEqual({ state: 'failed', reason: 'The audit service did not store the record (HTTP 500)' });
    expect(listener).toHaveBeenCalledTimes(1);
    const before = log.length;
    await expect(transport.searchAll('Flag?patient=MH1')).rejects.toBeInstanceOf(AuditFailure);
    await expect(trail.record(SESSION, [{ kind: 'permission', basis: 'patient-consented' }])).rejects.toBeInstanceOf(AuditFailure);
    expect(log.length).toBe(before);
  });
});

describe('localPatientId', () => {
  it('finds the patient a query names', () => {
    expect(localPatientId('Encounter?patient=MH1&_count=200')).toBe('MH1');
    expect(localPatientId('Consent?patient=Patient%2FMH1')).toBe('MH1');
    expect(localPatientId('Patient/MH1')).toBe('MH1');
    expect(localPatientId('Patient?identifier=x')).toBeUndefined();
  });
});


describe('auditedTransport, when the query is cancelled while its events wait to be sent', () => {
  it('fails at once as cancelled, sends nothing, and once its events are stored says the query failed', async () => {
    let send: () => void = () => undefined;
    const { transport, log, written } = setup({ failsBeforeSending: true, write: () => new Promise<void>((resolve) => (send = resolve)) });
    const controller = new AbortController();
    const asked = transport.searchAll('Encounter?patient=MH1', { signal: controller.signal });
    await vi.waitFor(() => expect(log).toEqual(['audit 1']));
    controller.abort();
    await expect(asked).rejects.toMatchObject({ kind: 'aborted', reason: 'The request was cancelled' });
    expect(log).toEqual(['audit 1']);
    send();
    // Once stored, the event written as the query was asked is followed by its failure, under the same request id.
    await vi.waitFor(() => expect(log).toEqual(['audit 1', 'audit 1']));
    send();
    await vi.waitFor(() => expect(written.map((e) => [e.outcome, e.entity?.[2]?.what?.identifier?.value])).toEqual([['0', 'req-1'], ['4', 'req-1']]));
    expect(written[1]).toMatchObject({ outcomeDesc: 'The request was cancelled' });
  });
});

describe('auditedTransport, when the audit write fails after it was sent', () => {
  it('the query has gone (its event went first) but its answer is never handed over', async () => {
    const { transport, log } = setup({ write: () => Promise.reject(Object.assign(new Error('The audit service did not store the record (HTTP 500)'), { name: 'AuditWriteError' })) });
    await expect(transport.searchAll('Encounter?patient=MH1')).rejects.toBeInstanceOf(AuditFailure);
    expect(log).toEqual(['audit 1', 'search Encounter?patient=MH1']);
  });
});
