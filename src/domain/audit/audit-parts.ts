/**
 * The agents and entities every AuditEvent of the viewer shares (IHE BALP "Basic
 * AuditEvent pattern"): the user as information recipient and requestor, the app as the
 * client (DICOM 110153), the server (DICOM 110152), the user's organisation, and the
 * patient (entity type 1, role 1) named by NHS number. Pure.
 */
import type { AuditEventAgent, AuditEventEntity, Coding, Reference } from 'fhir/r4';
import type { PurposeOfUse } from '../policy/permission';
import { AGENT_TYPE, ENTITY, PURPOSE_DISPLAY, SYSTEMS } from './audit-codes';
import type { AuditServer, AuditSession } from './audit-types';

export const purposeCoding = (p: PurposeOfUse): Coding => ({ system: SYSTEMS.actReason, code: p, display: PURPOSE_DISPLAY[p] });

/** BALP user agent: `who` is the fhirUser reference with the SDS user id where known. */
export function userAgent(session: AuditSession, purpose: PurposeOfUse): AuditEventAgent {
  const { user } = session;
  const who: Reference = {
    ...(user.fhirUser ? { reference: user.fhirUser } : {}),
    ...(user.sdsUserId ? { identifier: { system: SYSTEMS.sdsUser, value: user.sdsUserId } } : {}),
    ...(user.name ? { display: user.name } : {}),
  };
  const role = [
    ...(user.role ? [{ coding: [{ system: user.role.system, code: user.role.code, ...(user.role.display ? { display: user.role.display } : {}) }] }] : []),
    ...(user.sdsRoleProfileId ? [{ coding: [{ system: SYSTEMS.sdsRoleProfile, code: user.sdsRoleProfileId }] }] : []),
  ];
  return {
    type: { coding: [AGENT_TYPE.user] },
    ...(role.length ? { role } : {}),
    who: Object.keys(who).length ? who : { display: 'Unknown user' },
    requestor: true,
    purposeOfUse: [{ coding: [purposeCoding(purpose)] }],
  };
}

export function appAgent(session: AuditSession): AuditEventAgent {
  return {
    type: { coding: [AGENT_TYPE.app] },
    who: { identifier: { value: session.app.clientId }, display: session.app.name },
    requestor: false,
    ...(session.app.address ? { network: { address: session.app.address, type: '5' as const } } : {}),
  };
}

export function serverAgent(server: AuditServer): AuditEventAgent {
  return {
    type: { coding: [AGENT_TYPE.server] },
    who: { ...(server.odsCode ? { identifier: { system: SYSTEMS.ods, value: server.odsCode } } : {}), display: server.name },
    requestor: false,
    network: { address: server.baseUrl, type: '5' },
  };
}

/** The user's organisation, as its own agent (not a requestor). */
export function organisationAgent(session: AuditSession): AuditEventAgent[] {
  const org = session.user.organisation;
  if (!org) return [];
  return [
    {
      type: { coding: [AGENT_TYPE.organisation] },
      who: {
        ...(org.reference ? { reference: org.reference } : {}),
        ...(org.odsCode ? { identifier: { system: SYSTEMS.ods, value: org.odsCode } } : {}),
        ...(org.name ? { display: org.name } : {}),
      },
      requestor: false,
    },
  ];
}

/** BALP patient entity; the local reference too where the server's patient id is known. */
export function patientEntity(session: AuditSession, local?: { baseUrl: string; id: string }): AuditEventEntity {
  return {
    what: {
      ...(local ? { reference: `${local.baseUrl.replace(/\/+$/, '')}/Patient/${local.id}` } : {}),
      identifier: { system: SYSTEMS.nhsNumber, value: session.patient.nhsNumber },
    },
    type: ENTITY.person,
    role: ENTITY.patientRole,
  };
}

/** Why the user did something (override, reveal): the reason code, if any, and their words. */
export function reasonEntity(explanation: string, reason?: Coding): AuditEventEntity {
  return {
    type: ENTITY.other,
    role: ENTITY.securityResourceRole,
    name: 'Reason given by the user',
    description: explanation,
    ...(reason ? { detail: [{ type: 'reason-code', valueString: `${reason.system}|${reason.code}` }] } : {}),
  };
}
