import type { Patient } from 'fhir/r4';
import { formatAge, formatCuiDate, londonDate, parseFhirDate, type CalendarDate } from './cui-date';
import { formatNhsNumber, isValidNhsNumber } from './nhs-number';
import { formatPatientName } from './person-name';

/** https://fhir.nhs.uk/Id/nhs-number (UK Core). */
export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';

/** What the patient banner shows, as text. */
export interface PatientBannerModel {
  /** `HART, Amelia (Dr)`, or undefined when the record has no name. */
  name?: string;
  /** `04-Mar-1948`. */
  born?: string;
  /** `78y`; at the date of death for someone who has died. */
  age?: string;
  gender: string;
  /** `943 476 5919`, only for a valid NHS number. */
  nhsNumber?: string;
  /** Present when the patient has died; `date` when the record says when. */
  deceased?: { date?: string };
}

const GENDER: Record<string, string> = { male: 'Male', female: 'Female', other: 'Other', unknown: 'Unknown' };

/**
 * A valid NHS number, 3-3-4, or undefined. A number that fails the modulus 11 check is not
 * shown: a wrong identifier on screen is worse than none (NHS CUI patient banner).
 */
export function nhsNumberOf(patient: Patient): string | undefined {
  const values = (patient.identifier ?? []).filter((i) => i.system === NHS_NUMBER_SYSTEM).map((i) => i.value?.trim() ?? '');
  const valid = values.find((v) => isValidNhsNumber(v));
  return valid === undefined ? undefined : formatNhsNumber(valid);
}

function completeDate(d: CalendarDate | undefined): Required<CalendarDate> | undefined {
  return d?.month !== undefined && d.day !== undefined ? { year: d.year, month: d.month, day: d.day } : undefined;
}

/**
 * The banner's content for a Patient, on the day `now` falls in Europe/London. For someone
 * who has died the age is the age at death, or omitted when the date is not recorded.
 */
export function patientBanner(patient: Patient, now: Date): PatientBannerModel {
  const birth = parseFhirDate(patient.birthDate);
  const diedOn = parseFhirDate(patient.deceasedDateTime);
  const isDeceased = patient.deceasedBoolean === true || patient.deceasedDateTime !== undefined;
  const ageOn = isDeceased ? completeDate(diedOn) : londonDate(now);
  return {
    name: formatPatientName(patient.name),
    born: birth ? formatCuiDate(birth) : undefined,
    age: birth && ageOn ? formatAge(birth, ageOn) : undefined,
    gender: patient.gender ? (GENDER[patient.gender] ?? 'Unknown') : 'Not recorded',
    nhsNumber: nhsNumberOf(patient),
    deceased: isDeceased ? { date: diedOn ? formatCuiDate(diedOn) : undefined } : undefined,
  };
}
