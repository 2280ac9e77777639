/**
 * What kind of professional is signed in, from their PractitionerRole (SMART fhirUser →
 * PractitionerRole.code). It orders the summary (a social worker sees alerts and care
 * plans first) and decides what sensitive information may be revealed (see the access
 * policy in config). Unknown roles get the most cautious treatment.
 */
import type { PractitionerRole } from 'fhir/r4';

export type RoleCategory = 'clinical' | 'social-care' | 'unknown';

const SNOMED = 'http://snomed.info/sct';

/** SNOMED CT occupation codes seen from host systems, by category. */
const SOCIAL_CARE = new Set([
  '106328005', // Social worker
  '224600005', // Social care worker (occupation)
  '159109003', // Care manager
]);
const CLINICAL = new Set([
  '62247001', // General practitioner
  '309343006', // Physician
  '158965000', // Medical practitioner
  '106292003', // Professional nurse
  '224535009', // Registered nurse
  '46255001', // Pharmacist
  '397897005', // Paramedic
  '158967008', // Consultant physician
]);

/** The category of a role; a role with codes of both kinds is treated as social care (the narrower access). */
export function roleCategory(role: PractitionerRole | undefined): RoleCategory {
  const codes = (role?.code ?? []).flatMap((c) => c.coding ?? []).filter((c) => c.system === SNOMED && c.code);
  if (codes.some((c) => SOCIAL_CARE.has(c.code!))) return 'social-care';
  if (codes.some((c) => CLINICAL.has(c.code!))) return 'clinical';
  return 'unknown';
}
