import type { AuditEvent, Binary, FhirResource } from 'fhir/r4';
import { describe, expect, it, vi } from 'vitest';
import type { AppConfiguration } from '../config/types';
import { DEFAULT_ACCESS_POLICY } from '../domain/policy/access-policy';
import type { DocumentRecord } from '../domain/records';
import { createAuditTrail, type AuditClient } from '../features/governance';
import type { FhirTransport } from '../fhir/types';
import { createDocumentOpener, type DocumentOpenerDeps } from './open-document';

const BASE = 'https://ouse.example/fhir';
const config = { endpoints: [{ id: 'ouse', organisationName: 'Ouse Valley', odsCode: 'R9A01', fhirBaseUrl: BASE }] } as unknown as AppConfiguration;
const html = '<p>INR target 2.5</p>';
const binary = (over: Partial<Binary> = {}): Binary => ({ resourceType: 'Binary', id: 'b1', contentType: 'text/html', data: btoa(html), ...over });
const doc = (over: Partial<DocumentRecord> = {}): DocumentRecord => ({
  key: 'ouse/DocumentReference/d1', kind: 'document', resourceType: 'DocumentReference', title: 'Clinic letter', status: 'current',
  source: { endpointId: 'ouse', organisationName: 'Ouse Valley', odsCode: 'R9A01' },
  original: { resourceType: 'DocumentReference', id: 'd1', subject: { reference: 'Patient/p1' } } as never,
  attachments: [{ contentType: 'text/html', url: 'Binary/b1' }], ...over,
});

/** A setup where the order of events is written down: fetches and audit writes as they happen. */
function setup(opts: { binary?: Binary; auditFails?: boolean; role?: 'clinical' | 'social-care' } = {}) {
  const log: string[] = [];
  const written: AuditEvent[] = [];
  const client: AuditClient = {
    warm: vi.fn(async () => undefined),
    write: vi.fn(async (events: AuditEvent[]) => {
      log.push('audit');
      if (opts.auditFails) throw Object.assign(new Error('The audit service refused the record'), { name: 'AuditWriteError' });
      written.push(...events);
    }),
  } as AuditClient;
  const trail = createAuditTrail({ client, now: () => new Date('2026-11-21T10:00:00Z') });
  const headersSeen: Record<string, string>[] = [];
  const transportFor = (_id: string, headers: Record<string, string>): FhirTransport => {
    headersSeen.push(headers);
    return {
      baseUrl: BASE,
      get: vi.fn(async (path: string) => {
        log.push(`GET ${path}`);
        return (opts.binary ?? binary()) as FhirResource;
      }) as FhirTransport['get'],
      searchAll: vi.fn(),
      batchSearch: vi.fn(),
    };
  };
  const deps: DocumentOpenerDeps = {
    config, trail, transportFor, role: opts.role ?? 'clinical', policy: DEFAULT_ACCESS_POLICY[opts.role ?? 'clinical'], revealed: new Set(),
    session: { user: {}, app: { clientId: 'app', name: 'My Care Record viewer' }, patient: { nhsNumber: '9990000360' }, purposeOfUse: 'TREAT' },
    purposeFor: () => 'TREAT', newRequestId: () => 'tx-1',
  };
  return { open: createDocumentOpener(deps), log, written, trail, headersSeen };
}

describe('createDocumentOpener', () => {
  it('fetches the Binary through the endpoint transport, writes the AuditEvent naming the document, then gives the content', async () => {
    const s = setup();
    const out = await s.open(doc(), new AbortController().signal);
    expect(out).toEqual({ kind: 'html', html });
    expect(s.log).toEqual(['GET Binary/b1', 'audit']);
    expect(s.headersSeen).toEqual([{ 'X-Request-Id': 'tx-1', 'X-Purpose-Of-Use': 'TREAT' }]);
    expect(s.written).toHaveLength(1);
    expect(s.written[0]!.entity?.find((e) => e.role?.code === '4')?.what?.reference).toBe(`${BASE}/DocumentReference/d1`);
    expect(s.written[0]!.outcome).toBe('0');
  });
  it('fails closed: when the audit write is refused, nothing is returned and the trail is failed', async () => {
    const s = setup({ auditFails: true });
    await expect(s.open(doc(), new AbortController().signal)).rejects.toThrow('The audit service refused the record');
    expect(s.trail.current().state).toBe('failed');
    await expect(s.open(doc(), new AbortController().signal)).rejects.toThrow();
    expect(s.log).toEqual(['GET Binary/b1', 'audit']);
  });
  it('withholds content whose Binary is labelled, and audits the refusal', async () => {
    const s = setup({ binary: binary({ meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'SEX' }] } }) });
    const out = await s.open(doc(), new AbortController().signal);
    expect(out).toMatchObject({ kind: 'not-shown', reason: expect.stringContaining('Withheld') });
    expect(s.written.map((e) => e.outcome)).toEqual(['4']);
  });
  it('never fetches an attachment held off the endpoint, nor a type it does not open', async () => {
    const s = setup();
    expect(await s.open(doc({ attachments: [{ contentType: 'text/html', url: 'https://evil.example/fhir/Binary/b1' }] }), new AbortController().signal)).toMatchObject({ kind: 'not-shown' });
    expect(await s.open(doc({ attachments: [{ contentType: 'application/msword', url: 'Binary/b1' }] }), new AbortController().signal)).toMatchObject({ kind: 'not-shown' });
    expect(s.log).toEqual([]);
  });

  describe('a Composition', () => {
    const sectionDiv = '<div xmlns="http://www.w3.org/1999/xhtml"><p>Leg ulcer dressing twice weekly</p></div>';
    const composition = (over: Record<string, unknown> = {}) => ({
      resourceType: 'Composition', id: 'c1', status: 'final', subject: { reference: 'Patient/p1' }, title: 'Community nursing care summary',
      section: [{ title: 'Nursing needs', text: { status: 'generated', div: sectionDiv } }], ...over,
    }) as unknown as Binary;
    const compDoc = () => doc({ key: 'ouse/Composition/c1', resourceType: 'Composition', title: 'Community nursing care summary', attachments: [],
      original: { resourceType: 'Composition', id: 'c1', subject: { reference: 'Patient/p1' } } as never });

    it('is read again by its id when opened, audited (naming it) before its sections are given', async () => {
      const s = setup({ binary: composition() });
      const out = await s.open(compDoc(), new AbortController().signal);
      expect(out).toEqual({ kind: 'html', html: `<h3>Nursing needs</h3>\n${sectionDiv}` });
      expect(s.log).toEqual(['GET Composition/c1', 'audit']);
      expect(s.written[0]!.entity?.find((e) => e.role?.code === '4')?.what?.reference).toBe(`${BASE}/Composition/c1`);
      expect(s.written[0]!.outcome).toBe('0');
    });
    it('fails closed when the audit write is refused', async () => {
      const s = setup({ binary: composition(), auditFails: true });
      await expect(s.open(compDoc(), new AbortController().signal)).rejects.toThrow('The audit service refused the record');
    });
    it('is withheld, and the refusal audited, when what the server sends now is labelled', async () => {
      const s = setup({ binary: composition({ meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'PSY' }] } }), role: 'social-care' });
      expect(await s.open(compDoc(), new AbortController().signal)).toMatchObject({ kind: 'not-shown', reason: expect.stringContaining('Withheld') });
      expect(s.written.map((e) => e.outcome)).toEqual(['4']);
    });
    it('is reported, never shown, when the server sends another resource or one with no sections', async () => {
      for (const other of [composition({ id: 'c2' }), composition({ section: [] }), binary()]) {
        const s = setup({ binary: other });
        expect(await s.open(compDoc(), new AbortController().signal)).toEqual({ kind: 'not-shown', reason: 'The document’s content could not be read' });
        expect(s.written.map((e) => e.outcome)).toEqual(['8']);
      }
    });
  });
});
