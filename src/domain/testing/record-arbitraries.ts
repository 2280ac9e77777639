/**
 * fast-check arbitraries for normalised records, for the property tests of merging and
 * ordering. Small pools of sources, medicines and dates so that collisions (same code
 * from two organisations, same day, same type, missing dates) happen often.
 * Test support only: no product code imports this.
 */
import fc from 'fast-check';
import type { AlertRecord, CarePlanRecord, CareRecord, ConditionRecord, EncounterRecord, MedicationRecord, SourceRef } from '../records';

export const SOURCES: SourceRef[] = [
  { endpointId: 'riverside-gp', organisationName: 'Riverside Medical Practice', odsCode: 'D99001' },
  { endpointId: 'lea-valley-gp', organisationName: 'Lea Valley Health Centre', odsCode: 'E99002' },
  { endpointId: 'ouse-valley-acute', organisationName: 'Ouse Valley Hospitals NHS Foundation Trust', odsCode: 'R9A01' },
  { endpointId: 'fenland-mh', organisationName: 'Fenland Mental Health NHS Foundation Trust', odsCode: 'R9M01' },
];

const MEDICINES = [
  { code: '319283006', name: 'Amlodipine 5mg tablets' },
  { code: '318901006', name: 'Ramipril 2.5mg capsules' },
  { code: '39704111000001102', name: 'Sertraline 50mg tablets' },
  { code: '321987003', name: 'Citalopram 20mg tablets' },
  // Two that share an ingredient (paracetamol), for the shared-ingredient flag.
  { code: '322236009', name: 'Paracetamol 500mg tablets' },
  { code: '322341003', name: 'Co-codamol 30mg/500mg tablets' },
];

const date = fc.option(
  fc.constantFrom('2024-01-05', '2024-01-05T09:00:00Z', '2025-06', '2025-11-30T23:30:00Z', '2026-10-04T10:00:00Z', '2026-10-29', '2027-01-01'),
  { nil: undefined },
);
const source = fc.constantFrom(...SOURCES);
const ORIGINAL = { resourceType: 'Basic', code: {} } as const;

const medication = fc
  .record({
    source,
    medicine: fc.constantFrom(...MEDICINES),
    coding: fc.constantFrom('dmd', 'snomed', 'none', 'both'),
    nameVariant: fc.constantFrom('as-is', 'upper', 'spaced'),
    status: fc.constantFrom('active', 'on-hold', 'completed', 'stopped', 'unknown'),
    date,
    endDate: date,
  })
  .map(({ source, medicine, coding, nameVariant, status, date, endDate }): Omit<MedicationRecord, 'key'> => ({
    kind: 'medication', resourceType: 'MedicationRequest', source, original: ORIGINAL,
    name: nameVariant === 'upper' ? medicine.name.toUpperCase() : nameVariant === 'spaced' ? medicine.name.replace(/(\d)mg/, '$1 mg ') : medicine.name,
    codes: [
      ...(coding === 'dmd' || coding === 'both' ? [{ system: 'https://dmd.nhs.uk', code: medicine.code }] : []),
      ...(coding === 'snomed' || coding === 'both' ? [{ system: 'http://snomed.info/sct', code: medicine.code }] : []),
    ],
    status,
    statusGroup: status === 'active' || status === 'on-hold' ? 'current' : status === 'unknown' ? 'unknown' : 'past',
    ...(date ? { date } : {}),
    ...(endDate ? { endDate } : {}),
  }));

const encounter = fc
  .record({ source, type: fc.constantFrom('A&E attendance', 'a&e attendance', 'Home visit', 'Outpatient appointment'), start: date, status: fc.constantFrom('finished', 'in-progress') })
  .map(({ source, type, start, status }): Omit<EncounterRecord, 'key'> => ({ kind: 'encounter', source, original: ORIGINAL, type, status, ...(start ? { start } : {}) }));

const carePlan = fc
  .record({ source, status: fc.constantFrom('active', 'completed', 'draft'), start: date })
  .map(({ source, status, start }): Omit<CarePlanRecord, 'key'> => ({ kind: 'care-plan', source, original: ORIGINAL, title: 'Falls prevention plan', status, activities: [], careTeam: [], ...(start ? { start } : {}) }));

const alert = fc
  .record({ source, resourceType: fc.constantFrom('Flag' as const, 'AllergyIntolerance' as const), status: fc.constantFrom('active', 'inactive', 'resolved'), start: date })
  .map(({ source, resourceType, status, start }): Omit<AlertRecord, 'key'> => ({
    kind: 'alert', source, original: ORIGINAL, resourceType, category: resourceType === 'Flag' ? 'Safety' : 'allergy', text: 'Alert', status, ...(start ? { start } : {}),
  }));

const condition = fc
  .record({ source, clinicalStatus: fc.constantFrom('active', 'resolved', 'relapse'), onset: date })
  .map(({ source, clinicalStatus, onset }): Omit<ConditionRecord, 'key'> => ({ kind: 'condition', source, original: ORIGINAL, text: 'Asthma', codes: [], clinicalStatus, ...(onset ? { onset } : {}) }));

/** Unique keys, as normaliseResources guarantees (`${endpointId}/${type}/${id}`). */
function keyed<T extends Omit<CareRecord, 'key'>>(arb: fc.Arbitrary<T>, maxLength: number): fc.Arbitrary<(T & { key: string })[]> {
  return fc.array(arb, { maxLength }).map((xs) => xs.map((x, i) => ({ ...x, key: `${x.source.endpointId}/${x.kind}/${i}` })));
}

export const medicationRecords = keyed(medication, 40) as fc.Arbitrary<MedicationRecord[]>;
export const encounterRecords = keyed(encounter, 40) as fc.Arbitrary<EncounterRecord[]>;
export const careRecords = keyed(fc.oneof(medication, encounter, carePlan, alert, condition), 60) as fc.Arbitrary<CareRecord[]>;

/** A permutation of `xs` driven by fast-check (so a failure shrinks to a small shuffle). */
export function shuffled<T>(xs: T[]): fc.Arbitrary<T[]> {
  return fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length });
}

export const NOW = new Date('2026-11-01T12:00:00Z');
