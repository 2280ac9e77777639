/**
 * One FHIR R4 AuditEvent per thing worth auditing, following IHE BALP: each query (one
 * per patient per query, type rest, subtype search or read, action E or R), the
 * permission decision, an emergency override (DICOM 110113 / 110127, purpose of use BTG,
 * with the reason code and text), and a reveal of restricted items. Pure: the clock is
 * passed in, so a test states the whole event with plain values.
 */
import type { AuditEvent, AuditEventEntity } from 'fhir/r4';
import { OVERRIDE_REASON_TEXT } from '../policy/override';
import { PERMISSION_TEXT } from '../policy/permission';
import { ENTITY, EVENT_TYPE, SOURCE_TYPE, SUBTYPE, SYSTEMS } from './audit-codes';
import { appAgent, organisationAgent, patientEntity, purposeCoding, reasonEntity, serverAgent, userAgent } from './audit-parts';
import type { AuditActivity, AuditSession, QueryActivity } from './audit-types';
import { base64Utf8 } from './base64';

function queryEntities(session: AuditSession, a: QueryActivity): AuditEventEntity[] {
  return [
    patientEntity(session, a.localPatientId ? { baseUrl: a.server.baseUrl, id: a.localPatientId } : undefined),
    { type: ENTITY.systemObject, role: ENTITY.queryRole, query: base64Utf8(`GET ${a.url}`), description: `GET ${a.url}` },
    { type: ENTITY.transaction, what: { identifier: { value: a.transactionId } } },
  ];
}

function specific(session: AuditSession, a: AuditActivity): Pick<AuditEvent, 'type' | 'subtype' | 'action' | 'outcome' | 'outcomeDesc' | 'purposeOfEvent' | 'entity'> & { purpose: AuditSession['purposeOfUse'] } {
  switch (a.kind) {
    case 'query': {
      const purpose = a.purposeOfUse ?? session.purposeOfUse;
      return {
        type: EVENT_TYPE.rest, subtype: [a.interaction === 'read' ? SUBTYPE.read : SUBTYPE.search], action: a.interaction === 'read' ? 'R' : 'E',
        outcome: a.outcome, ...(a.outcomeDesc ? { outcomeDesc: a.outcomeDesc } : {}),
        purposeOfEvent: [{ coding: [purposeCoding(purpose)] }], entity: queryEntities(session, a), purpose,
      };
    }
    case 'permission':
      return {
        type: EVENT_TYPE.patientRecord, subtype: [SUBTYPE.permission], action: 'E', outcome: '0',
        purposeOfEvent: [{ coding: [purposeCoding(session.purposeOfUse)] }], purpose: session.purposeOfUse,
        entity: [
          patientEntity(session),
          {
            type: ENTITY.systemObject, role: ENTITY.securityResourceRole, name: 'Permission to view', description: PERMISSION_TEXT[a.basis],
            detail: [{ type: 'basis', valueString: `${SYSTEMS.permissionBasis}|${a.basis}` }],
          },
        ],
      };
    case 'override': {
      const reason = { system: SYSTEMS.overrideReason, code: a.reason, display: OVERRIDE_REASON_TEXT[a.reason] };
      return {
        type: EVENT_TYPE.securityAlert, subtype: [SUBTYPE.emergencyOverride], action: 'E', outcome: '0', purpose: 'BTG',
        purposeOfEvent: [{ coding: [purposeCoding('BTG')] }, { coding: [reason], text: a.explanation }],
        entity: [
          patientEntity(session),
          { type: ENTITY.organisation, what: { identifier: { system: SYSTEMS.ods, value: a.server.odsCode ?? '' }, display: a.server.name }, name: 'Organisation whose records the patient objected to sharing' },
          reasonEntity(a.explanation, reason),
        ],
      };
    }
    case 'document': {
      const purpose = a.purposeOfUse ?? session.purposeOfUse;
      return {
        type: EVENT_TYPE.rest, subtype: [SUBTYPE.documentOpened, SUBTYPE.read], action: 'R', outcome: a.outcome,
        ...(a.outcomeDesc ? { outcomeDesc: a.outcomeDesc } : {}),
        purposeOfEvent: [{ coding: [purposeCoding(purpose)] }], purpose,
        entity: [
          patientEntity(session, a.localPatientId ? { baseUrl: a.server.baseUrl, id: a.localPatientId } : undefined),
          { type: ENTITY.systemObject, role: ENTITY.domainResourceRole, what: { reference: a.document }, name: a.title },
          ...(a.attachmentUrl
            ? [{ type: ENTITY.systemObject, role: ENTITY.queryRole, query: base64Utf8(`GET ${a.attachmentUrl}`), description: `GET ${a.attachmentUrl}` }]
            : []),
          ...(a.transactionId ? [{ type: ENTITY.transaction, what: { identifier: { value: a.transactionId } } }] : []),
        ],
      };
    }
    case 'ask-everyone':
      return {
        type: EVENT_TYPE.patientRecord, subtype: [SUBTYPE.askEveryone], action: 'E', outcome: '0', purpose: session.purposeOfUse,
        purposeOfEvent: [{ coding: [purposeCoding(session.purposeOfUse)] }],
        entity: [
          patientEntity(session),
          {
            type: ENTITY.systemObject, role: ENTITY.queryRole, name: 'Ask every organisation',
            description: `Asked every organisation, including ${a.added} the record locator did not name`,
          },
        ],
      };
    case 'discarded':
      return {
        type: EVENT_TYPE.patientRecord, subtype: [SUBTYPE.discarded], action: 'E', outcome: '0', purpose: session.purposeOfUse,
        purposeOfEvent: [{ coding: [purposeCoding(session.purposeOfUse)] }],
        entity: [
          patientEntity(session),
          { type: ENTITY.systemObject, name: 'Records not shown', description: a.why },
        ],
      };
    case 'reveal':
      return {
        type: EVENT_TYPE.patientRecord, subtype: [SUBTYPE.reveal], action: 'R', outcome: '0', purpose: session.purposeOfUse,
        purposeOfEvent: [{ coding: [purposeCoding(session.purposeOfUse)], text: a.explanation }],
        entity: [
          patientEntity(session),
          ...a.items.map((reference): AuditEventEntity => ({ type: ENTITY.systemObject, role: ENTITY.domainResourceRole, what: { reference } })),
          reasonEntity(a.explanation),
        ],
      };
  }
}

/** The AuditEvent for `activity`, recorded at `recorded` (UTC). */
export function buildAuditEvent(session: AuditSession, activity: AuditActivity, recorded: Date): AuditEvent {
  const { purpose, ...parts } = specific(session, activity);
  const server = activity.kind === 'permission' ? [] : [serverAgent(activity.server)];
  return {
    resourceType: 'AuditEvent',
    type: parts.type,
    subtype: parts.subtype,
    action: parts.action,
    recorded: recorded.toISOString(),
    outcome: parts.outcome,
    ...(parts.outcomeDesc ? { outcomeDesc: parts.outcomeDesc } : {}),
    purposeOfEvent: parts.purposeOfEvent,
    agent: [userAgent(session, purpose), appAgent(session), ...server, ...organisationAgent(session)],
    source: { observer: { identifier: { value: session.app.clientId }, display: session.app.name }, type: [SOURCE_TYPE] },
    entity: parts.entity,
  };
}
