import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { groupMedications } from './merge-medications';
import { ingredientsOf } from './medicine-ingredients';
import type { MedicationRecord, SourceRef } from './records';
import { NOW, SOURCES, medicationRecords, shuffled } from './testing/record-arbitraries';

const [gp, , acute] = SOURCES as [SourceRef, SourceRef, SourceRef];
const SCT = 'http://snomed.info/sct';

// dm+d names and codes as the NHS EPS examples and dm+d give them (mocks/data/medicines.ts).
const med = (source: SourceRef, id: string, name: string, code: string, o: Partial<MedicationRecord> = {}): MedicationRecord => ({
  key: `${source.endpointId}/MedicationRequest/${id}`,
  source,
  original: { resourceType: 'MedicationRequest', id, status: 'active', intent: 'order', subject: { reference: 'Patient/x' } },
  kind: 'medication',
  resourceType: 'MedicationRequest',
  name,
  codes: [{ system: SCT, code }],
  status: 'active',
  statusGroup: 'current',
  entryKind: 'prescription',
  date: '2026-10-20',
  ...o,
});
const paracetamol = (source: SourceRef, id: string, o: Partial<MedicationRecord> = {}) => med(source, id, 'Paracetamol 500mg tablets', '322236009', o);
const cocodamol = (source: SourceRef, id: string, o: Partial<MedicationRecord> = {}) => med(source, id, 'Co-codamol 30mg/500mg tablets', '322341003', o);
const flagsOf = (records: MedicationRecord[]) =>
  Object.fromEntries(groupMedications(records, NOW).map((g) => [g.name, g.discrepancies.filter((d) => d.kind === 'shared-ingredient')]));

describe('ingredientsOf', () => {
  it('reads a combination from its British Approved Name or a UK brand, and a single ingredient from its own name', () => {
    expect(ingredientsOf('Co-codamol 30mg/500mg tablets')).toEqual(['codeine', 'paracetamol']);
    expect(ingredientsOf('CO-CODAMOL 8MG/500MG EFFERVESCENT TABLETS')).toEqual(['codeine', 'paracetamol']);
    expect(ingredientsOf('Co-dydramol 10mg/500mg tablets')).toEqual(['dihydrocodeine', 'paracetamol']);
    expect(ingredientsOf('Zapain 30mg/500mg capsules')).toEqual(['codeine', 'paracetamol']);
    expect(ingredientsOf('Tramadol 37.5mg / Paracetamol 325mg tablets')).toEqual(['paracetamol', 'tramadol']);
    expect(ingredientsOf('Paracetamol 250mg/5ml oral suspension sugar free')).toEqual(['paracetamol']);
    expect(ingredientsOf('Co-amoxiclav 500mg/125mg tablets')).toEqual(['amoxicillin', 'clavulanic acid']);
  });

  it('does not read one ingredient inside the name of another (dihydrocodeine is not codeine)', () => {
    expect(ingredientsOf('Dihydrocodeine 30mg tablets')).toEqual(['dihydrocodeine']);
  });

  it('recognises nothing in a name outside its list', () => {
    expect(ingredientsOf('Insulin glargine 100units/ml solution for injection 3ml pre-filled pens')).toEqual([]);
    expect(ingredientsOf('Amlodipine 5mg tablets')).toEqual([]);
  });
});

describe('the same ingredient in two current medicines', () => {
  it('flags co-codamol at the GP and paracetamol at the hospital, each naming the other', () => {
    expect(flagsOf([cocodamol(gp, 'a'), paracetamol(acute, 'b')])).toEqual({
      'Co-codamol 30mg/500mg tablets': [{ kind: 'shared-ingredient', ingredient: 'paracetamol', alsoIn: ['Paracetamol 500mg tablets'] }],
      'Paracetamol 500mg tablets': [{ kind: 'shared-ingredient', ingredient: 'paracetamol', alsoIn: ['Co-codamol 30mg/500mg tablets'] }],
    });
  });

  it('flags each shared ingredient apart, and names every other medicine holding it', () => {
    const codeine = med(gp, 'c', 'Codeine 30mg tablets', '322498007');
    const liquid = med(acute, 'd', 'Paracetamol 250mg/5ml oral suspension', '322280009');
    expect(flagsOf([cocodamol(gp, 'a'), paracetamol(acute, 'b'), codeine, liquid])['Co-codamol 30mg/500mg tablets']).toEqual([
      { kind: 'shared-ingredient', ingredient: 'codeine', alsoIn: ['Codeine 30mg tablets'] },
      { kind: 'shared-ingredient', ingredient: 'paracetamol', alsoIn: ['Paracetamol 250mg/5ml oral suspension', 'Paracetamol 500mg tablets'] },
    ]);
  });

  it('does not flag a past medicine, or one only proposed', () => {
    // Completed on a 2025 date: past on NOW (clinical-rules.md, "Current").
    const finished = paracetamol(acute, 'b', { status: 'completed', statusGroup: 'past', date: '2025-03-01' });
    expect(flagsOf([cocodamol(gp, 'a'), finished])).toEqual({ 'Co-codamol 30mg/500mg tablets': [], 'Paracetamol 500mg tablets': [] });
    const proposed = paracetamol(acute, 'b', { intent: 'proposal', entryKind: 'proposal' });
    expect(flagsOf([cocodamol(gp, 'a'), proposed])).toEqual({ 'Co-codamol 30mg/500mg tablets': [], 'Paracetamol 500mg tablets': [] });
  });

  it('does not flag one medicine recorded by two organisations against itself', () => {
    expect(flagsOf([paracetamol(gp, 'a'), paracetamol(acute, 'b')])).toEqual({ 'Paracetamol 500mg tablets': [] });
  });

  it('flags both whenever both are current, among any other medicines, in any order', () => {
    const planted = [cocodamol(gp, 'p1'), paracetamol(acute, 'p2')];
    const noise = medicationRecords.map((xs) => xs.filter((x) => !/paracetamol|codamol/i.test(x.name)));
    fc.assert(
      fc.property(noise.chain((xs) => shuffled([...xs, ...planted])), (records) => {
        const flags = flagsOf(records);
        expect(flags['Co-codamol 30mg/500mg tablets']).toEqual([{ kind: 'shared-ingredient', ingredient: 'paracetamol', alsoIn: ['Paracetamol 500mg tablets'] }]);
        expect(flags['Paracetamol 500mg tablets']).toEqual([{ kind: 'shared-ingredient', ingredient: 'paracetamol', alsoIn: ['Co-codamol 30mg/500mg tablets'] }]);
      }),
    );
  });
});
