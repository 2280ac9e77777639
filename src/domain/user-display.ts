import type { CodeableConcept, Practitioner, PractitionerRole } from 'fhir/r4';
import { formatStaffName } from './person-name';

function conceptText(c: CodeableConcept | undefined): string | undefined {
  const text = c?.text?.trim() || c?.coding?.find((x) => x.display?.trim())?.display?.trim();
  return text || undefined;
}

/**
 * `Dr Amelia HART, General practitioner`: the signed-in user's name and, when known, the
 * role they act in (PractitionerRole.code). Undefined when the name is not known.
 */
export function signedInAs(practitioner: Practitioner | undefined, role: PractitionerRole | undefined): string | undefined {
  const name = formatStaffName(practitioner?.name);
  if (!name) return undefined;
  const roleText = (role?.code ?? []).map(conceptText).find(Boolean);
  return roleText ? `${name}, ${roleText}` : name;
}
