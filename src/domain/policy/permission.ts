/**
 * The basis on which the user views the shared record, recorded before anything is
 * retrieved (docs/access-policy.md; NHS England "Legitimate relationship" and the
 * common-law duty of confidentiality). Each basis maps to an HL7 purpose of use
 * (v3-ActReason), which goes into every AuditEvent of the session (IHE BALP).
 *
 * For a patient who has died there is no permission to ask: the duty of confidence
 * continues after death, but the lawful reasons to view are others (confirming or
 * certifying the death, safeguarding, the care of the family), so the question and its
 * answers are different and none of them records an untrue "the patient gave permission".
 */
import type { RoleCategory } from '../role';

export type LivingBasis = 'patient-consented' | 'best-interests' | 'patient-refused';
export type DeceasedBasis = 'confirming-death' | 'safeguarding' | 'care-of-family';
export type PermissionBasis = LivingBasis | DeceasedBasis;

/**
 * v3-ActReason: TREAT treatment, ETREAT emergency treatment, BTG break the glass,
 * HLEGAL legal (a statutory duty: certifying a death, safeguarding), COC coordination
 * of care (the family's care, for example an inherited or infectious risk).
 */
export type PurposeOfUse = 'TREAT' | 'ETREAT' | 'BTG' | 'HLEGAL' | 'COC';

export const PERMISSION_BASES: readonly LivingBasis[] = ['patient-consented', 'best-interests', 'patient-refused'];
export const DECEASED_BASES: readonly DeceasedBasis[] = ['confirming-death', 'safeguarding', 'care-of-family'];

export const PERMISSION_TEXT: Record<PermissionBasis, string> = {
  'patient-consented': 'The patient gave permission to view their shared record',
  'best-interests': 'The patient cannot be asked (for example unconscious, or lacks capacity) and viewing is in their best interests',
  'patient-refused': 'The patient refused permission',
  'confirming-death': 'Confirming or certifying the death',
  safeguarding: 'Safeguarding (for example children or adults at risk in the household)',
  'care-of-family': 'Care of the family (for example an inherited or infectious risk to relatives)',
};

/**
 * Bases only some roles may give: confirming a death (verification) and certifying it
 * (the medical certificate of cause of death) are clinical acts, by a doctor, nurse or
 * paramedic, never by a social worker. Offered to a clinical role only: a role the viewer
 * cannot tell is not offered it either.
 */
const CLINICAL_ONLY: ReadonlySet<PermissionBasis> = new Set(['confirming-death']);

/**
 * The question and its answers for this role: for a patient who has died, no permission
 * question, and only the bases the role may give.
 */
export function permissionQuestion(deceased: boolean, role: RoleCategory): { legend: string; bases: readonly PermissionBasis[] } {
  return deceased
    ? { legend: 'The patient has died. Why are you viewing their shared record?', bases: DECEASED_BASES.filter((b) => role === 'clinical' || !CLINICAL_ONLY.has(b)) }
    : { legend: 'Has the patient given permission to view their shared record?', bases: PERMISSION_BASES };
}

const PURPOSE: Record<PermissionBasis, Exclude<PurposeOfUse, 'BTG'>> = {
  'patient-consented': 'TREAT',
  'best-interests': 'ETREAT',
  'patient-refused': 'TREAT',
  'confirming-death': 'HLEGAL',
  safeguarding: 'HLEGAL',
  'care-of-family': 'COC',
};

/** Viewing without the patient's agreement in their best interests is emergency treatment. */
export function purposeOfUse(basis: PermissionBasis): Exclude<PurposeOfUse, 'BTG'> {
  return PURPOSE[basis];
}

/** Only a refusal stops retrieval. */
export function mayRetrieve(basis: PermissionBasis): boolean {
  return basis !== 'patient-refused';
}

/** Has the patient died (Patient.deceased[x]: a true boolean, or a date and time)? */
export function isDeceased(patient: { deceasedBoolean?: unknown; deceasedDateTime?: unknown } | undefined): boolean {
  return patient?.deceasedBoolean === true || (typeof patient?.deceasedDateTime === 'string' && patient.deceasedDateTime !== '');
}
