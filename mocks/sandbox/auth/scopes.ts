/**
 * Every scope the sandbox's authorisation server understands. oidc-provider silently drops
 * any requested scope it was not configured with, so an app asking for a SMART scope that
 * is missing here would just get less access, with no error to explain why.
 */

/** Launch and identity scopes (SMART App Launch 2.2 "Scopes for requesting context data / identity data"). */
const SMART_CONTEXT_SCOPES = [
  'openid',
  'fhirUser',
  'profile',
  'launch',
  'launch/patient',
  'launch/encounter',
  'online_access',
  'offline_access',
] as const;

/** The resource types the shared care record reads or writes, plus the wildcard. */
const SMART_RESOURCE_TYPES = [
  'Patient',
  'Practitioner',
  'PractitionerRole',
  'Organization',
  'Medication',
  'MedicationRequest',
  'MedicationStatement',
  'Encounter',
  'CarePlan',
  'CareTeam',
  'Flag',
  'AllergyIntolerance',
  'Condition',
  'Consent',
  'AuditEvent',
  // The record locator's pointers (NRL shape).
  'DocumentReference',
  '*',
] as const;

const SCOPE_CONTEXTS = ['patient', 'user', 'system'] as const;

/**
 * v2 permissions (`rs` = read + search, `c` = create, ...) and the v1 `read` / `write` /
 * `*` forms that SMART 2.2 servers still accept ("Scopes for requesting clinical data").
 */
const PERMISSIONS = ['rs', 'r', 's', 'c', 'cruds', 'read', 'write', '*'] as const;

/** Clinical-data scopes: `{patient|user|system}/{Type}.{permission}`. */
const SMART_RESOURCE_SCOPES: readonly string[] = SCOPE_CONTEXTS.flatMap((context) =>
  SMART_RESOURCE_TYPES.flatMap((type) => PERMISSIONS.map((permission) => `${context}/${type}.${permission}`)),
);

export const SMART_SCOPES: readonly string[] = [...SMART_CONTEXT_SCOPES, ...SMART_RESOURCE_SCOPES];
