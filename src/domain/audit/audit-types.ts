/**
 * What an audit record is about, in plain values: who, from which app, about which
 * patient, why (purpose of use), and what happened. buildAuditEvent turns one of these
 * into a FHIR AuditEvent (IHE BALP). Pure types.
 */
import type { PermissionBasis, PurposeOfUse } from '../policy/permission';
import type { OverrideReason } from '../policy/override';

export interface AuditUser {
  /** The id_token's fhirUser claim (absolute URL of the Practitioner or PractitionerRole). */
  fhirUser?: string;
  /** SDS user id (https://fhir.nhs.uk/Id/sds-user-id), where the Practitioner has one. */
  sdsUserId?: string;
  name?: string;
  /** PractitionerRole.code (SNOMED CT occupation), where known. */
  role?: { system: string; code: string; display?: string };
  sdsRoleProfileId?: string;
  /** The user's organisation (PractitionerRole.organization; ODS code where known). */
  organisation?: { odsCode?: string; name?: string; reference?: string };
}

export interface AuditSession {
  user: AuditUser;
  app: { clientId: string; name: string; address?: string };
  /** The patient, by NHS number: the same at every organisation. */
  patient: { nhsNumber: string };
  /** From the permission recorded: TREAT or ETREAT (BTG only per overridden organisation). */
  purposeOfUse: PurposeOfUse;
}

/** The server asked (BALP agent 110152). */
export interface AuditServer {
  endpointId: string;
  name: string;
  baseUrl: string;
  odsCode?: string;
}

/** BALP / FHIR AuditEvent.outcome: 0 success, 4 minor failure, 8 serious failure. */
export type AuditOutcome = '0' | '4' | '8';

export interface QueryActivity {
  kind: 'query';
  interaction: 'search' | 'read';
  server: AuditServer;
  /** The request as sent: absolute URL of the GET (a batch's entries each get their own). */
  url: string;
  /** The patient's id at that server, where the query names it. */
  localPatientId?: string;
  outcome: AuditOutcome;
  outcomeDesc?: string;
  /** The X-Request-Id sent with the request. */
  transactionId: string;
  /** BTG for an organisation whose objection was overridden; else the session's. */
  purposeOfUse?: PurposeOfUse;
}

export interface PermissionActivity {
  kind: 'permission';
  basis: PermissionBasis;
}

export interface OverrideActivity {
  kind: 'override';
  server: AuditServer;
  reason: OverrideReason;
  explanation: string;
}

export interface RevealActivity {
  kind: 'reveal';
  server: AuditServer;
  explanation: string;
  /** Absolute references of the items revealed. */
  items: string[];
}

/**
 * A document opened: its attachment fetched (or read inline) to be shown. Written, and
 * stored, before the document is on screen (fail closed, as for queries).
 */
export interface DocumentActivity {
  kind: 'document';
  server: AuditServer;
  /** Absolute reference of the DocumentReference (or Composition). */
  document: string;
  /** The document's title, for the privacy officer's trail. */
  title: string;
  /** Absolute URL of the attachment fetched (a Binary), if one was fetched. */
  attachmentUrl?: string;
  localPatientId?: string;
  outcome: AuditOutcome;
  outcomeDesc?: string;
  transactionId?: string;
  purposeOfUse?: PurposeOfUse;
}

/**
 * The user chose "Ask every organisation": the organisations the record locator did not
 * name are asked too (each of those queries is then audited like any other).
 */
export interface AskEveryoneActivity {
  kind: 'ask-everyone';
  /** The record locator, whose answer is set aside. */
  server: AuditServer;
  /** How many organisations were not known to hold records and are now asked. */
  added: number;
}

/**
 * An organisation's answer received and set aside unread: the patient objected to its
 * records being shared, or whether they did could not be checked (docs/adr/0005 asks the
 * organisations and the objection register at once). The queries that brought it were
 * audited as made; this says that nothing they returned was shown, so the trail tells an
 * honoured objection from a disclosure.
 */
export interface DiscardedActivity {
  kind: 'discarded';
  server: AuditServer;
  /** Why, in words: "The patient objects to sharing this organisation's records (objection register)". */
  why: string;
}

export type AuditActivity = QueryActivity | PermissionActivity | OverrideActivity | RevealActivity | DocumentActivity | AskEveryoneActivity | DiscardedActivity;
