import { describe, expect, it } from 'vitest';
import { buildAuditEvent } from './build-audit-event';
import type { AuditServer, AuditSession } from './audit-types';
import { fromBase64Utf8 } from './base64';

const RECORDED = new Date('2026-11-21T10:00:00.123Z');
const SESSION: AuditSession = {
  user: {
    fhirUser: 'http://localhost:8430/fhir/Practitioner/gp-amelia-hart', sdsUserId: '555000000101', name: 'Dr Amelia Hart',
    role: { system: 'http://snomed.info/sct', code: '62247001', display: 'General practitioner' }, sdsRoleProfileId: '555000000102',
    organisation: { odsCode: 'D99001', name: 'Riverside Medical Practice', reference: 'http://localhost:8430/fhir/Organization/D99001' },
  },
  app: { clientId: 'my-care-record-viewer', name: 'My Care Record viewer', address: 'http://localhost:8450' },
  patient: { nhsNumber: '9990000069' },
  purposeOfUse: 'TREAT',
};
const FENLAND: AuditServer = { endpointId: 'fenland-mh', name: 'Fenland Mental Health NHS Foundation Trust', baseUrl: 'http://localhost:8431/fhir', odsCode: 'R9M01' };

describe('buildAuditEvent', () => {
  it('writes a search as IHE BALP asks: rest/search, E, UTC, user, app, server, patient, query and transaction', () => {
    const url = 'http://localhost:8431/fhir/Encounter?patient=MH0200001&_count=200';
    const event = buildAuditEvent(SESSION, { kind: 'query', interaction: 'search', server: FENLAND, url, localPatientId: 'MH0200001', outcome: '0', transactionId: 'tx-1' }, RECORDED);
    expect(event).toEqual({
      resourceType: 'AuditEvent',
      type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest', display: 'Restful Operation' },
      subtype: [{ system: 'http://hl7.org/fhir/restful-interaction', code: 'search', display: 'search' }],
      action: 'E',
      recorded: '2026-11-21T10:00:00.123Z',
      outcome: '0',
      purposeOfEvent: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'TREAT', display: 'treatment' }] }],
      agent: [
        {
          type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP', display: 'information recipient' }] },
          role: [
            { coding: [{ system: 'http://snomed.info/sct', code: '62247001', display: 'General practitioner' }] },
            { coding: [{ system: 'https://fhir.nhs.uk/Id/sds-role-profile-id', code: '555000000102' }] },
          ],
          who: {
            reference: 'http://localhost:8430/fhir/Practitioner/gp-amelia-hart',
            identifier: { system: 'https://fhir.nhs.uk/Id/sds-user-id', value: '555000000101' },
            display: 'Dr Amelia Hart',
          },
          requestor: true,
          purposeOfUse: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'TREAT', display: 'treatment' }] }],
        },
        {
          type: { coding: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110153', display: 'Source Role ID' }] },
          who: { identifier: { value: 'my-care-record-viewer' }, display: 'My Care Record viewer' },
          requestor: false,
          network: { address: 'http://localhost:8450', type: '5' },
        },
        {
          type: { coding: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110152', display: 'Destination Role ID' }] },
          who: { identifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'R9M01' }, display: 'Fenland Mental Health NHS Foundation Trust' },
          requestor: false,
          network: { address: 'http://localhost:8431/fhir', type: '5' },
        },
        {
          type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleClass', code: 'PROV', display: 'healthcare provider' }] },
          who: { reference: 'http://localhost:8430/fhir/Organization/D99001', identifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'D99001' }, display: 'Riverside Medical Practice' },
          requestor: false,
        },
      ],
      source: {
        observer: { identifier: { value: 'my-care-record-viewer' }, display: 'My Care Record viewer' },
        type: [{ system: 'http://terminology.hl7.org/CodeSystem/security-source-type', code: '1', display: 'User Device' }],
      },
      entity: [
        {
          what: { reference: 'http://localhost:8431/fhir/Patient/MH0200001', identifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9990000069' } },
          type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '1', display: 'Person' },
          role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '1', display: 'Patient' },
        },
        {
          type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '2', display: 'System Object' },
          role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '24', display: 'Query' },
          query: expect.any(String),
          description: `GET ${url}`,
        },
        {
          type: { system: 'https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType', code: 'XrequestId', display: 'X-Request-Id' },
          what: { identifier: { value: 'tx-1' } },
        },
      ],
    });
    expect(fromBase64Utf8(event.entity?.[1]?.query ?? '')).toBe(`GET ${url}`);
  });

  it('writes a read as R, and a failure with its outcome and plain description', () => {
    const event = buildAuditEvent(
      SESSION,
      { kind: 'query', interaction: 'read', server: FENLAND, url: 'http://localhost:8431/fhir/Patient/x', outcome: '8', outcomeDesc: 'The server answered 500 Internal Server Error', transactionId: 't' },
      RECORDED,
    );
    expect(event).toMatchObject({ action: 'R', subtype: [{ code: 'read' }], outcome: '8', outcomeDesc: 'The server answered 500 Internal Server Error' });
  });

  it('writes an emergency override as DICOM 110127 with purpose BTG, the reason code and the user’s words', () => {
    const event = buildAuditEvent(SESSION, { kind: 'override', server: FENLAND, reason: 'risk-of-harm', explanation: 'Unconscious, suspected overdose' }, RECORDED);
    expect(event.type).toEqual({ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110113', display: 'Security Alert' });
    expect(event.subtype).toEqual([{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110127', display: 'Emergency Override Started' }]);
    expect(event.agent[0]?.purposeOfUse?.[0]?.coding?.[0]?.code).toBe('BTG');
    expect(event.purposeOfEvent?.[1]).toEqual({
      coding: [{ system: 'https://fhir.my-care-record.example/CodeSystem/override-reason', code: 'risk-of-harm', display: 'Risk of harm to the patient or others' }],
      text: 'Unconscious, suspected overdose',
    });
    expect(event.entity?.at(-1)?.description).toBe('Unconscious, suspected overdose');
  });

  it('writes the permission decision with the basis, before any server is named', () => {
    const event = buildAuditEvent({ ...SESSION, purposeOfUse: 'ETREAT' }, { kind: 'permission', basis: 'best-interests' }, RECORDED);
    expect(event.subtype?.[0]?.code).toBe('permission-to-view');
    expect(event.agent.map((a) => a.type?.coding?.[0]?.code)).toEqual(['IRCP', '110153', 'PROV']);
    expect(event.agent[0]?.purposeOfUse?.[0]?.coding?.[0]?.code).toBe('ETREAT');
    expect(event.entity?.[1]?.detail).toEqual([{ type: 'basis', valueString: 'https://fhir.my-care-record.example/CodeSystem/permission-basis|best-interests' }]);
  });

  it('writes a reveal with each revealed item and the reason', () => {
    const items = ['http://localhost:8431/fhir/CarePlan/cp-1', 'http://localhost:8431/fhir/Encounter/e-2'];
    const event = buildAuditEvent(SESSION, { kind: 'reveal', server: FENLAND, explanation: 'Needed to plan discharge', items }, RECORDED);
    expect(event.action).toBe('R');
    expect(event.entity?.filter((e) => e.role?.code === '4').map((e) => e.what?.reference)).toEqual(items);
  });

  it('writes an organisation’s answer set aside unread: the organisation as the server, the patient, and why', () => {
    const why = 'Not shown: the patient objects to sharing this organisation’s records (recorded by the objection register)';
    const event = buildAuditEvent(SESSION, { kind: 'discarded', server: FENLAND, why }, RECORDED);
    expect(event.type).toEqual({ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110110', display: 'Patient Record' });
    expect(event.subtype).toEqual([{ system: 'https://fhir.my-care-record.example/CodeSystem/audit-event-subtype', code: 'records-not-shown', display: 'Records received and not shown' }]);
    expect([event.action, event.outcome]).toEqual(['E', '0']);
    expect(event.agent.find((a) => a.type?.coding?.[0]?.code === '110152')?.who).toMatchObject({ display: 'Fenland Mental Health NHS Foundation Trust' });
    expect(event.entity?.[0]?.what?.identifier).toEqual({ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9990000069' });
    expect(event.entity?.[1]).toEqual({ type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '2', display: 'System Object' }, name: 'Records not shown', description: why });
  });

  it('names an unknown user as such rather than leaving who empty', () => {
    const event = buildAuditEvent({ ...SESSION, user: {} }, { kind: 'permission', basis: 'patient-refused' }, RECORDED);
    expect(event.agent[0]?.who).toEqual({ display: 'Unknown user' });
  });
});
