/**
 * Is the Patient an endpoint returned for the NHS number search the same person as the
 * launching patient? Showing another person's record is the worst failure this viewer
 * can have, so a match needs the NHS number, the date of birth and the family name to
 * agree, and exactly one record to agree; anything else excludes the organisation with
 * a reason the user can act on (and report), never a silent guess.
 */
import type { Patient } from 'fhir/r4';
import { formatCuiDate, parseFhirDate } from './cui-date';
import { NHS_NUMBER_SYSTEM, nhsDigits, type PatientIdentity } from './patient-identity';
import { pickName } from './person-name';

/**
 * `no-record`: the organisation answered and holds nothing for this NHS number — a
 * complete answer, not a failure. `excluded`: it holds something that cannot be safely
 * tied to this patient, so nothing of it is shown.
 */
export type MatchResult =
  | { status: 'matched'; patientId: string }
  | { status: 'no-record' }
  | { status: 'excluded'; reason: string };


export const SEVERAL_RECORDS = 'Several records share this NHS number here';

/**
 * Family names compared without regard to case, spacing or accents (Siân = SIAN,
 * "Mc Donald" = "McDonald"): systems differ in how they store these, not in who the
 * person is. Hyphens and apostrophes still count.
 */
export function sameFamilyName(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/\s+/g, '').toLocaleLowerCase('en-GB');
  return norm(a) === norm(b);
}

/** Dates of birth compared as calendar dates (a time or a different spelling is not a difference). */
function sameBirthDate(a: string, b: string): boolean {
  const x = parseFhirDate(a);
  const y = parseFhirDate(b);
  if (!x || !y) return a.trim() === b.trim();
  return x.year === y.year && x.month === y.month && x.day === y.day;
}

const showDate = (d: string) => {
  const parsed = parseFhirDate(d);
  return parsed ? formatCuiDate(parsed) : `"${d}"`;
};
const showName = (n: string) => n.trim().toLocaleUpperCase('en-GB');

function carriesNhsNumber(p: Patient, nhsNumber: string): boolean {
  return (p.identifier ?? []).some((i) => i?.system === NHS_NUMBER_SYSTEM && i.use !== 'old' && nhsDigits(i.value) === nhsNumber);
}

/**
 * A returned Patient whose identifiers, name or date of birth are not in FHIR's shape
 * (an object where a list belongs, a number where text belongs) cannot be confirmed or
 * ruled out: the problem in words, else undefined.
 */
function malformed(p: Patient): string | undefined {
  const ids: unknown = p.identifier;
  if (ids !== undefined && !Array.isArray(ids)) return 'identifier is not a list';
  if (Array.isArray(ids) && ids.some((i: { system?: unknown; value?: unknown } | null) => i?.system === NHS_NUMBER_SYSTEM && typeof i.value !== 'string')) {
    return 'its NHS number is not text';
  }
  if (p.name !== undefined && !Array.isArray(p.name)) return 'name is not a list';
  if (p.birthDate !== undefined && typeof p.birthDate !== 'string') return 'birthDate is not a date';
  return undefined;
}

/**
 * Candidates are the Patients the endpoint returned for identifierSearch(identity). The
 * same resource returned twice (paging overlap) counts once; a candidate that does not
 * carry the NHS number itself (a server that ignored the search) is not a candidate.
 * Both sides must record the date of birth and family name: a missing one cannot confirm.
 */
export function matchPatient(identity: PatientIdentity, candidates: Patient[]): MatchResult {
  const byId = new Map<string, Patient>();
  let withoutId = 0;
  for (const c of candidates) {
    if (c?.resourceType !== 'Patient') continue;
    const problem = malformed(c);
    if (problem) return { status: 'excluded', reason: `A patient record here is not in the expected form (${problem}), so the match cannot be confirmed` };
    if (!carriesNhsNumber(c, identity.nhsNumber)) continue;
    if (typeof c.id === 'string' && c.id !== '') byId.set(c.id, c);
    else withoutId++;
  }
  const found = [...byId.values()];
  if (found.length + withoutId === 0) return { status: 'no-record' };
  if (found.length + withoutId > 1) return { status: 'excluded', reason: SEVERAL_RECORDS };
  const candidate = found[0];
  if (!candidate) return { status: 'excluded', reason: 'The record here has no id, so its data cannot be requested' };

  const here = candidate.birthDate;
  if (!identity.birthDate) return { status: 'excluded', reason: 'Date of birth not recorded in the launching record, so the match cannot be confirmed' };
  if (!here) return { status: 'excluded', reason: 'Date of birth not recorded here, so the match cannot be confirmed' };
  if (!sameBirthDate(identity.birthDate, here)) {
    return { status: 'excluded', reason: `Date of birth differs: ${showDate(identity.birthDate)} in the launching record, ${showDate(here)} here` };
  }

  const family = pickName(candidate.name)?.family;
  if (!identity.family) return { status: 'excluded', reason: 'Family name not recorded in the launching record, so the match cannot be confirmed' };
  if (!family?.trim()) return { status: 'excluded', reason: 'Family name not recorded here, so the match cannot be confirmed' };
  if (!sameFamilyName(identity.family, family)) {
    return { status: 'excluded', reason: `Family name differs: ${showName(identity.family)} in the launching record, ${showName(family)} here` };
  }
  return { status: 'matched', patientId: candidate.id as string };
}
