/**
 * Who the audit trail names as the user (IHE BALP user agent): the fhirUser reference
 * from the id_token, the SDS user id and role profile id where the Practitioner and
 * PractitionerRole carry them, the SNOMED CT role, and the organisation the user works
 * for (PractitionerRole.organization; its ODS code from the launching endpoint's
 * configuration). Pure: resources in, plain values out.
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

export function auditUser({ fhirUser, practitioner, role, iss, organisationOdsCode }: AuditUserInput): AuditUser {
  const sdsUserId = practitioner?.identifier?.find((i) => i.system === SYSTEMS.sdsUser)?.value;
  const sdsRoleProfileId = role?.identifier?.find((i) => i.system === SYSTEMS.sdsRoleProfile)?.value;
  const coding = role?.code?.flatMap((c) => c.coding ?? []).find((c) => c.system && c.code);
  const name = fullName(practitioner);
  const org = role?.organization;
  const reference = absolute(org?.reference, iss);
  return {
    ...(fhirUser ? { fhirUser: absolute(fhirUser, iss) } : {}),
    ...(sdsUserId ? { sdsUserId } : {}),
    ...(name ? { name } : {}),
    ...(coding ? { role: { system: coding.system as string, code: coding.code as string, ...(coding.display ? { display: coding.display } : {}) } } : {}),
    ...(sdsRoleProfileId ? { sdsRoleProfileId } : {}),
    ...(org || organisationOdsCode
      ? { organisation: { ...(reference ? { reference } : {}), ...(org?.display ? { name: org.display } : {}), ...(organisationOdsCode ? { odsCode: organisationOdsCode } : {}) } }
      : {}),
  };
}
