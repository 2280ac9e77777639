/**
 * The runtime configuration, served with the app as `/config.json` so that adding a
 * launch configuration or a regional endpoint needs no rebuild. Validated at start-up by
 * `validateConfig` (config/validate.ts), whose errors name the bad field.
 */
import type { AccessPolicyConfiguration } from '../domain/policy/access-policy';

export type { AccessPolicyConfiguration };

export type OrganisationKind =
  | 'gp-practice'
  | 'mental-health'
  | 'community-health'
  | 'acute-hospital'
  | 'social-care'
  | 'ambulance'
  | 'pharmacy'
  | 'sexual-health';

/** One host system (EHR) allowed to launch the app, matched on the incoming `iss`. */
export interface LaunchConfiguration {
  /** Stable id, for logs and tests. */
  id: string;
  /** Exact FHIR base URL the host sends as `iss` (compared without a trailing slash). */
  iss: string;
  /** Display name of the host system, for messages. */
  name: string;
  /** SMART scopes asked for at launch (space separated, SMART v2 syntax; v1 is derived for servers without permission-v2). */
  scope: string;
  /**
   * `false` when the launching system's own FHIR server is deliberately not one of
   * `endpoints[]` (its records are not shown). Otherwise validation requires an endpoint
   * whose `fhirBaseUrl` is this `iss`, so a half-written file cannot launch into an empty
   * record.
   */
  showRecords?: false;
}

/** How the app obtains a token for a regional endpoint. */
export interface EndpointAuth {
  /** SMART App Launch discovery at `{fhirBaseUrl}/.well-known/smart-configuration`. */
  type: 'smart';
  /** Scopes asked for at this endpoint (space separated, SMART v2 syntax). */
  scope: string;
  /**
   * The issuer of an authorisation server that takes resource indicators (RFC 8707), where
   * this server shares it with others. Every endpoint and service naming the same issuer
   * is signed in to with one authorization; each still gets a token of its own, bound to
   * its own base URL (docs/adr/0006). The first of them discovered must name this issuer
   * in its smart-configuration, or none of them is signed in to. Absent: its own sign-in.
   */
  sharedSignIn?: string;
}

/** One regional FHIR R4 endpoint: one organisation's records. */
export interface EndpointConfiguration {
  id: string;
  organisationName: string;
  /** ODS code, https://fhir.nhs.uk/Id/ods-organization-code */
  odsCode: string;
  region: string;
  kind: OrganisationKind;
  /** FHIR base URL, no trailing slash. */
  fhirBaseUrl: string;
  auth: EndpointAuth;
  /** Give up on this endpoint after this long (milliseconds). */
  timeoutMs: number;
}

/**
 * A FHIR service that is not an organisation's record: the audit repository the viewer
 * writes AuditEvents to, the region's objection register it reads Consents from, or the
 * record locator it asks who holds records.
 * Signed in to like a regional endpoint (SMART discovery at its base).
 */
export interface ServiceConfiguration {
  /** FHIR base URL, no trailing slash. */
  fhirBaseUrl: string;
  auth: EndpointAuth;
  timeoutMs: number;
}

export interface AppConfiguration {
  /** OAuth client id registered with every authorisation server. */
  clientId: string;
  launch: LaunchConfiguration[];
  endpoints: EndpointConfiguration[];
  /**
   * Where every access is recorded as an AuditEvent (IHE BALP); scope `user/AuditEvent.c`.
   * Without it the viewer shows no record from other organisations (fail closed).
   */
  audit?: ServiceConfiguration;
  /** The region's objection register: Consent resources searched by NHS number. */
  objectionRegister?: ServiceConfiguration;
  /**
   * The region's record locator: which organisations hold records for an NHS number, as
   * DocumentReference pointers in the NHS National Record Locator shape
   * (`DocumentReference?subject:identifier=https://fhir.nhs.uk/Id/nhs-number|<n>`, the
   * organisation in `custodian.identifier` by ODS code); scope `user/DocumentReference.rs`.
   * With it the viewer asks only the organisations it names plus the patient's registered
   * practice; without it, every endpoint.
   */
  recordLocator?: ServiceConfiguration;
  /** Who may reveal what, and who may override an objection (docs/access-policy.md). Defaults when absent. */
  policy?: AccessPolicyConfiguration;
}
