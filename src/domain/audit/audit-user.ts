/**
 * Who the audit trail names as the user (IHE BALP user agent): the fhirUser reference
 * from the id_token, the SDS user id and role profile id where the Practitioner and
 * PractitionerRole carry them, the SNOMED CT role, and the organisation the user works
 * for. The organisation and its ODS code come from one source, so the two can never name
 * different organisations: the PractitionerRole's organization (its ODS identifier, or a
 * reference whose id is the launching organisation's configured ODS code), else, with no
 * organization on the role, the launching endpoint's configuration. Pure.
 */
import type { Practitioner, PractitionerRole } from 'fhir/r4';
import { SYSTEMS } from './audit-codes';
import type { AuditUser } from './audit-types';

export interface AuditUserInput {
  fhirUser?: string;
  practitioner?: Practitioner;
  role?: PractitionerRole;
  /** The launching server's base, against which the role's relative references resolve. */
  iss: string;
  /** ODS code of the launching organisation, where configured. */
  organisationOdsCode?: string;
}

function absolute(reference: string | undefined, iss: string): string | undefined {
  if (!reference) return undefined;
  return /^https?:\/\//i.test(reference) ? reference : `${iss.replace(/\/+$/, '')}/${reference.replace(/^\/+/, '')}`;
}

function fullName(p: Practitioner | undefined): string | undefined {
  const n = p?.name?.find((x) => x.use === 'official') ?? p?.name?.[0];
  const parts = [...(n?.prefix ?? []), ...(n?.given ?? []), n?.family].filter((x): x is string => typeof x === 'string' && x.trim() !== '');
  return parts.length ? parts.join(' ') : n?.text;
}

/** The role's organisation's ODS code: its ODS identifier, or its reference's id when that is the configured code. */
function roleOrganisationOds(org: NonNullable<PractitionerRole['organization']>, configured: string | undefined): string | undefined {
  const id = org.identifier;
  if (id?.system === SYSTEMS.ods && typeof id.value === 'string' && id.value.trim()) return id.value.trim();
  const refId = typeof org.reference === 'string' ? /(?:^|\/)Organization\/([^/]+)$/.exec(org.reference)?.[1] : undefined;
  return refId && configured && refId.toUpperCase() === configured.toUpperCase() ? configured : undefined;
}

export function auditUser({ fhirUser, practitioner, role, iss, organisationOdsCode }: AuditUserInput): AuditUser {
  const sdsUserId = practitioner?.identifier?.find((i) => i.system === SYSTEMS.sdsUser)?.value;
  const sdsRoleProfileId = role?.identifier?.find((i) => i.system === SYSTEMS.sdsRoleProfile)?.value;
  const coding = role?.code?.flatMap((c) => c.coding ?? []).find((c) => c.system && c.code);
  const name = fullName(practitioner);
  const org = role?.organization;
  const reference = absolute(org?.reference, iss);
  const odsCode = org ? roleOrganisationOds(org, organisationOdsCode) : organisationOdsCode;
  return {
    ...(fhirUser ? { fhirUser: absolute(fhirUser, iss) } : {}),
    ...(sdsUserId ? { sdsUserId } : {}),
    ...(name ? { name } : {}),
    ...(coding ? { role: { system: coding.system as string, code: coding.code as string, ...(coding.display ? { display: coding.display } : {}) } } : {}),
    ...(sdsRoleProfileId ? { sdsRoleProfileId } : {}),
    ...(org || organisationOdsCode
      ? { organisation: { ...(reference ? { reference } : {}), ...(org?.display ? { name: org.display } : {}), ...(odsCode ? { odsCode } : {}) } }
      : {}),
  };
}
