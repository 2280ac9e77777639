import type { FhirResource } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { normaliseResources } from '../normalise';
import type { RoleCategory } from '../role';
import { rolePolicy } from './access-policy';
import { governRecords } from './govern-records';
import { recordSensitivity } from './record-sensitivity';
import { V3_ACT_CODE, V3_CONFIDENTIALITY } from './security-labels';

const SOURCE = { endpointId: 'ouse-valley-acute', organisationName: 'Ouse Valley Hospitals NHS Foundation Trust', odsCode: 'R9A01' };
const HIV_V = { security: [{ system: V3_CONFIDENTIALITY, code: 'V' }, { system: V3_ACT_CODE, code: 'HIV' }] };
const BIKTARVY = { coding: [{ system: 'https://dmd.nhs.uk', code: '35819211000001101', display: 'Biktarvy 50mg/200mg/25mg tablets' }] };

/** UK Core shapes: a MedicationRequest without labels naming a Medication that carries them. */
const containedRequest = {
  resourceType: 'MedicationRequest', id: 'mr-contained', status: 'active', intent: 'order', subject: { reference: 'Patient/p1' },
  contained: [{ resourceType: 'Medication', id: 'med1', meta: HIV_V, code: BIKTARVY }],
  medicationReference: { reference: '#med1' },
};
const includedRequest = {
  resourceType: 'MedicationRequest', id: 'mr-included', status: 'active', intent: 'order', subject: { reference: 'Patient/p1' },
  medicationReference: { reference: 'Medication/biktarvy' },
};
const includedMedication = { resourceType: 'Medication', id: 'biktarvy', meta: HIV_V, code: BIKTARVY };
const plainRequest = {
  resourceType: 'MedicationRequest', id: 'mr-plain', status: 'active', intent: 'order', subject: { reference: 'Patient/p1' },
  medicationCodeableConcept: { coding: [{ system: 'https://dmd.nhs.uk', code: '319283006', display: 'Amlodipine 5mg tablets' }] },
};

const none = { revealed: new Set<string>(), objected: new Set<string>(), overridden: new Set<string>() };
const govern = (resources: unknown[], role: RoleCategory, patient?: unknown) => {
  const { records } = normaliseResources(resources as FhirResource[], { source: SOURCE, patientId: 'p1', ...(patient ? { patient } : {}) });
  return governRecords({ ...none, records, role, policy: rolePolicy(undefined, role) });
};

describe('labels wherever they sit', () => {
  for (const role of ['clinical', 'social-care', 'unknown'] as const) {
    it(`withholds a medicine whose contained or _included Medication is labelled HIV and V, and counts it (${role})`, () => {
      const out = govern([containedRequest, includedRequest, includedMedication, plainRequest], role);
      const names = [...out.shown, ...out.marked].map((r) => (r.kind === 'medication' ? r.name : ''));
      expect(names).toEqual(['Amlodipine 5mg tablets']);
      expect(out.withheld).toEqual({ 'ouse-valley-acute': { revealable: 0, never: 2 } });
    });
  }

  it('lets a Patient labelled restricted govern every record of its source', () => {
    const patient = { resourceType: 'Patient', id: 'p1', meta: { security: [{ system: V3_CONFIDENTIALITY, code: 'R' }] } };
    const clinical = govern([plainRequest], 'clinical', patient);
    expect(clinical.shown).toEqual([]);
    expect(clinical.withheld).toEqual({ 'ouse-valley-acute': { revealable: 1, never: 0 } });
    expect(govern([plainRequest], 'social-care', patient).withheld).toEqual({ 'ouse-valley-acute': { revealable: 0, never: 1 } });
  });

  it('withholds a record whose contained list cannot be read (it might hide a label)', () => {
    const odd = { ...plainRequest, id: 'mr-odd', contained: { resourceType: 'Medication', meta: HIV_V } };
    expect(govern([odd], 'social-care').shown).toEqual([]);
  });
});

describe('recordSensitivity', () => {
  it('classifies a record once: the whole record is governed again as each organisation answers', () => {
    const { records } = normaliseResources([containedRequest] as unknown as FhirResource[], { source: SOURCE, patientId: 'p1' });
    const record = records[0]!;
    let reads = 0;
    const original = record.original;
    const watched = Object.defineProperty({ ...record }, 'original', { get: () => (reads++, original), enumerable: true });
    expect(recordSensitivity(watched)).toBe('very-restricted');
    const once = reads;
    expect(once).toBeGreaterThan(0);
    expect(recordSensitivity(watched)).toBe('very-restricted');
    expect(reads).toBe(once);
    // Another record is classified on its own.
    const plain = normaliseResources([plainRequest] as unknown as FhirResource[], { source: SOURCE, patientId: 'p1' }).records[0]!;
    expect(recordSensitivity(plain)).toBe('none');
  });
});
