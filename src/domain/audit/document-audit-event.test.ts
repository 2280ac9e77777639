import { describe, expect, it } from 'vitest';
import { buildAuditEvent } from './build-audit-event';
import type { AuditServer, AuditSession } from './audit-types';
import { fromBase64Utf8 } from './base64';

const SESSION: AuditSession = {
  user: { fhirUser: 'http://localhost:8430/fhir/Practitioner/gp-amelia-hart', name: 'Dr Amelia Hart' },
  app: { clientId: 'my-care-record-viewer', name: 'My Care Record viewer' },
  patient: { nhsNumber: '9990000336' },
  purposeOfUse: 'TREAT',
};
const OUSE: AuditServer = { endpointId: 'ouse-valley-acute', name: 'Ouse Valley Hospitals NHS Foundation Trust', baseUrl: 'http://localhost:8433/fhir', odsCode: 'R9A01' };

describe('buildAuditEvent for a document opened', () => {
  it('is a read (R) naming the document, its title and the attachment fetched, with the transaction id', () => {
    const event = buildAuditEvent(SESSION, {
      kind: 'document', server: OUSE, document: 'http://localhost:8433/fhir/DocumentReference/d1', title: 'Discharge summary',
      attachmentUrl: 'http://localhost:8433/fhir/Binary/b1', localPatientId: 'p1', outcome: '0', transactionId: 'tx-9',
    }, new Date('2026-11-21T10:00:00Z'));
    expect(event.action).toBe('R');
    expect(event.type.code).toBe('rest');
    expect(event.subtype?.map((s) => s.code)).toEqual(['document-opened', 'read']);
    expect(event.entity?.find((e) => e.role?.code === '4')).toEqual({
      type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '2', display: 'System Object' },
      role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '4', display: 'Domain Resource' },
      what: { reference: 'http://localhost:8433/fhir/DocumentReference/d1' }, name: 'Discharge summary',
    });
    expect(fromBase64Utf8(event.entity!.find((e) => e.query)!.query!)).toBe('GET http://localhost:8433/fhir/Binary/b1');
    expect(event.entity?.some((e) => e.what?.identifier?.value === 'tx-9')).toBe(true);
    expect(event.entity?.[0]?.what).toEqual({ reference: 'http://localhost:8433/fhir/Patient/p1', identifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9990000336' } });
  });
  it('records a refusal with its outcome', () => {
    const event = buildAuditEvent(SESSION, { kind: 'document', server: OUSE, document: 'x/DocumentReference/d2', title: 'Letter', outcome: '4', outcomeDesc: 'Withheld: labelled restricted' }, new Date(0));
    expect([event.outcome, event.outcomeDesc]).toEqual(['4', 'Withheld: labelled restricted']);
  });
});
