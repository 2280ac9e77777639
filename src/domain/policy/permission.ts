/**
 * The basis on which the user views the shared record, recorded before anything is
 * retrieved (docs/access-policy.md; NHS England "Legitimate relationship" and the
 * common-law duty of confidentiality). Each basis maps to an HL7 purpose of use
 * (v3-ActReason), which goes into every AuditEvent of the session (IHE BALP).
 */
export type PermissionBasis = 'patient-consented' | 'best-interests' | 'patient-refused';

/** v3-ActReason: TREAT treatment, ETREAT emergency treatment, BTG break the glass. */
export type PurposeOfUse = 'TREAT' | 'ETREAT' | 'BTG';

export const PERMISSION_BASES: readonly PermissionBasis[] = ['patient-consented', 'best-interests', 'patient-refused'];

export const PERMISSION_TEXT: Record<PermissionBasis, string> = {
  'patient-consented': 'The patient gave permission to view their shared record',
  'best-interests': 'The patient cannot be asked (for example unconscious, or lacks capacity) and viewing is in their best interests',
  'patient-refused': 'The patient refused permission',
};

/** Viewing without the patient's agreement in their best interests is emergency treatment. */
export function purposeOfUse(basis: PermissionBasis): Exclude<PurposeOfUse, 'BTG'> {
  return basis === 'best-interests' ? 'ETREAT' : 'TREAT';
}

/** Only permission, or best interests, lets anything be retrieved. */
export function mayRetrieve(basis: PermissionBasis): boolean {
  return basis !== 'patient-refused';
}
