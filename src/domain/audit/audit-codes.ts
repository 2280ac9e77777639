/**
 * The codes an AuditEvent of this viewer carries, from IHE Basic Audit Log Patterns
 * (BALP, ITI), DICOM PS3.16 and HL7 terminology, named once. Where no published code
 * fits (the permission decision and the reveal of restricted items, which are this
 * viewer's own events) a code system under the viewer's namespace is used; see
 * docs/adr/0003-permission-objections-audit.md.
 */
import type { Coding } from 'fhir/r4';

const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
const LOCAL = 'https://fhir.my-care-record.example/CodeSystem';

export const SYSTEMS = {
  nhsNumber: 'https://fhir.nhs.uk/Id/nhs-number',
  ods: 'https://fhir.nhs.uk/Id/ods-organization-code',
  sdsUser: 'https://fhir.nhs.uk/Id/sds-user-id',
  sdsRoleProfile: 'https://fhir.nhs.uk/Id/sds-role-profile-id',
  actReason: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
  overrideReason: `${LOCAL}/override-reason`,
  permissionBasis: `${LOCAL}/permission-basis`,
} as const;

/** AuditEvent.type. */
export const EVENT_TYPE = {
  /** BALP: a RESTful interaction (search, read). */
  rest: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest', display: 'Restful Operation' },
  /** DICOM: an access to a patient's record that is not itself a REST interaction. */
  patientRecord: { system: DCM, code: '110110', display: 'Patient Record' },
  /** DICOM: a security event; subtype 110127 for an emergency override. */
  securityAlert: { system: DCM, code: '110113', display: 'Security Alert' },
} satisfies Record<string, Coding>;

/** AuditEvent.subtype. */
export const SUBTYPE = {
  search: { system: 'http://hl7.org/fhir/restful-interaction', code: 'search', display: 'search' },
  read: { system: 'http://hl7.org/fhir/restful-interaction', code: 'read', display: 'read' },
  emergencyOverride: { system: DCM, code: '110127', display: 'Emergency Override Started' },
  permission: { system: `${LOCAL}/audit-event-subtype`, code: 'permission-to-view', display: 'Permission to view recorded' },
  reveal: { system: `${LOCAL}/audit-event-subtype`, code: 'restricted-revealed', display: 'Restricted items revealed' },
  /** The user asked every organisation, not only those the record locator named. */
  askEveryone: { system: `${LOCAL}/audit-event-subtype`, code: 'asked-every-organisation', display: 'Asked every organisation' },
  /** A document's content read to be shown (with `read`: BALP has no code for "opened"). */
  documentOpened: { system: `${LOCAL}/audit-event-subtype`, code: 'document-opened', display: 'Document opened' },
  /** An organisation's answer received and not shown (an objection, or one that could not be checked). */
  discarded: { system: `${LOCAL}/audit-event-subtype`, code: 'records-not-shown', display: 'Records received and not shown' },
} satisfies Record<string, Coding>;

/** AuditEvent.agent.type (BALP: user, client, server). */
export const AGENT_TYPE = {
  user: { system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP', display: 'information recipient' },
  app: { system: DCM, code: '110153', display: 'Source Role ID' },
  server: { system: DCM, code: '110152', display: 'Destination Role ID' },
  organisation: { system: 'http://terminology.hl7.org/CodeSystem/v3-RoleClass', code: 'PROV', display: 'healthcare provider' },
} satisfies Record<string, Coding>;

/** AuditEvent.entity.type and .role (audit-entity-type, object-role). */
export const ENTITY = {
  person: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '1', display: 'Person' },
  systemObject: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '2', display: 'System Object' },
  organisation: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '3', display: 'Organization' },
  other: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '4', display: 'Other' },
  patientRole: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '1', display: 'Patient' },
  domainResourceRole: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '4', display: 'Domain Resource' },
  securityResourceRole: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '13', display: 'Security Resource' },
  queryRole: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '24', display: 'Query' },
  /** BALP: the X-Request-Id of the HTTP request (BasicAuditEntityType#XrequestId). */
  transaction: { system: 'https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType', code: 'XrequestId', display: 'X-Request-Id' },
} satisfies Record<string, Coding>;

export const SOURCE_TYPE: Coding = { system: 'http://terminology.hl7.org/CodeSystem/security-source-type', code: '1', display: 'User Device' };

export const PURPOSE_DISPLAY = { TREAT: 'treatment', ETREAT: 'Emergency Treatment', BTG: 'break the glass', HLEGAL: 'legal', COC: 'coordination of care' } as const;
