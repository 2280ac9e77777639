/**
 * Who the launching patient is, for finding the same person at other organisations.
 * Matching across organisations rests on the NHS number alone as the search key, so
 * only a number the launching system has traced and verified against the national
 * record (PDS) is used: UK Core Patient.identifier:nhsNumber with the extension
 * Extension-UKCore-NHSNumberVerificationStatus = `01` "Number present and verified".
 * Any other status (02 "present but not traced", 03 "trace required"…) means the number
 * may belong to someone else, so the viewer refuses to look further rather than guess.
 */
import type { Identifier, Patient } from 'fhir/r4';
import { isValidNhsNumber } from './nhs-number';
import { NHS_NUMBER_SYSTEM } from './patient-display';
import { pickName } from './person-name';
import { registeredPracticeOds } from './record-locator';

export { NHS_NUMBER_SYSTEM };

export const NHS_NUMBER_VERIFICATION_URL =
  'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus';
export const NHS_NUMBER_VERIFICATION_SYSTEM =
  'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland';
/**
 * The same value set under the name earlier UK Core releases (and the NHS EPS examples in
 * mocks/data/nhs-eps) use; its code 01 means the same "Number present and verified".
 */
export const NHS_NUMBER_VERIFICATION_SYSTEM_LEGACY =
  'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatus';
const VERIFICATION_SYSTEMS = [NHS_NUMBER_VERIFICATION_SYSTEM, NHS_NUMBER_VERIFICATION_SYSTEM_LEGACY];
/** "Number present and verified". */
export const VERIFIED = '01';

export interface PatientIdentity {
  /** Ten digits, no spaces. */
  nhsNumber: string;
  /** Patient.birthDate as the launching record holds it. */
  birthDate?: string;
  /** Family name of the name in use (official, else usual: see pickName). */
  family?: string;
  /** ODS code of the registered practice (Patient.generalPractitioner by identifier), for the record locator's selection. */
  registeredPracticeOds?: string;
}

/** Ten digits from an NHS number written either run together or 3-3-4. */
export function nhsDigits(value: unknown): string | undefined {
  const v = typeof value === 'string' ? value.trim() : '';
  return isValidNhsNumber(v) ? v.replace(/ /g, '') : undefined;
}

/** The verification status code(s) on one NHS number identifier, from the UK Core system. */
function verificationCodes(id: Identifier): string[] {
  return (Array.isArray(id.extension) ? id.extension : [])
    .filter((e) => e.url === NHS_NUMBER_VERIFICATION_URL)
    .flatMap((e) => (Array.isArray(e?.valueCodeableConcept?.coding) ? e.valueCodeableConcept.coding : []))
    .filter((c) => VERIFICATION_SYSTEMS.includes(c.system ?? '') && typeof c.code === 'string')
    .map((c) => c.code as string);
}

/**
 * The launching patient's identity for matching, or the plain reason it cannot be used.
 * Identifiers with `use: old` are ignored (a superseded number); two different verified
 * numbers on one record are refused, since either could be the wrong person's.
 */
export function launchIdentity(p: Patient): { ok: true; identity: PatientIdentity } | { ok: false; reason: string } {
  if (p.identifier !== undefined && !Array.isArray(p.identifier)) return { ok: false, reason: 'The launching record’s identifiers are not in the expected form' };
  const nhsIds = (p.identifier ?? []).filter((i) => i?.system === NHS_NUMBER_SYSTEM && i.use !== 'old');
  if (nhsIds.length === 0) return { ok: false, reason: 'The launching record has no NHS number' };
  const valid = nhsIds.filter((i) => nhsDigits(i.value) !== undefined);
  if (valid.length === 0) return { ok: false, reason: 'The NHS number in the launching record is not a valid NHS number' };
  const verified = valid.filter((i) => verificationCodes(i).includes(VERIFIED));
  if (verified.length === 0) {
    const codes = valid.flatMap(verificationCodes);
    const status = codes.length > 0 ? ` (verification status ${codes.join(', ')})` : ' (no verification status)';
    return { ok: false, reason: `The NHS number in the launching record is not verified${status}` };
  }
  const numbers = new Set(verified.map((i) => nhsDigits(i.value) as string));
  if (numbers.size > 1) return { ok: false, reason: 'The launching record has more than one verified NHS number' };
  const family = pickName(p.name)?.family?.trim();
  const practice = registeredPracticeOds(p.generalPractitioner);
  return {
    ok: true,
    identity: {
      nhsNumber: [...numbers][0] as string,
      ...(p.birthDate ? { birthDate: p.birthDate } : {}),
      ...(family ? { family } : {}),
      ...(practice ? { registeredPracticeOds: practice } : {}),
    },
  };
}

/**
 * The search that finds this person at another organisation's endpoint: by NHS number
 * only (FHIR R4 token search `identifier=system|value`), never by name or date of birth,
 * which are for confirming a match, not for finding candidates.
 */
export function identifierSearch(identity: PatientIdentity): string {
  return `Patient?identifier=${encodeURIComponent(`${NHS_NUMBER_SYSTEM}|${identity.nhsNumber}`)}`;
}
