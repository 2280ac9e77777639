/**
 * Examples for the rules written in docs/clinical-rules.md. Expectations come from the
 * FHIR R4 spec and the written rules, with literal records.
 */
import { describe, expect, it } from 'vitest';
import type { AlertRecord, ConditionRecord, EncounterRecord, MedicationRecord, SourceRef } from './records';
import { codeWords, conceptWords, notKnown } from './coded-words';
import { groupAlerts } from './group-alerts';
import { groupConditions } from './group-conditions';
import { isCurrentOn, medicineDiscrepancies, lastIssued } from './medicine-rules';
import { groupMedications, splitCurrentPast } from './merge-medications';
import { encounterDiagnoses, itemsOfEncounter, lengthOfStay } from './encounter-detail';

const GP: SourceRef = { endpointId: 'riverside-gp', organisationName: 'Riverside Medical Practice', odsCode: 'D99001' };
const ACUTE: SourceRef = { endpointId: 'ouse-valley-acute', organisationName: 'Ouse Valley Hospitals NHS Foundation Trust', odsCode: 'R9A01' };
const COMMUNITY: SourceRef = { endpointId: 'ouse-community', organisationName: 'Ouse Community Health NHS Trust', odsCode: 'R9C01' };
const NOW = new Date('2026-11-01T12:00:00Z');
const SCT = 'http://snomed.info/sct';
const base = (source: SourceRef, type: string, id: string) => ({ key: `${source.endpointId}/${type}/${id}`, source, original: { resourceType: type, id } as never });

const allergy = (source: SourceRef, id: string, o: Partial<AlertRecord> = {}): AlertRecord => ({
  ...base(source, 'AllergyIntolerance', id), kind: 'alert', resourceType: 'AllergyIntolerance', category: 'allergy', text: 'Penicillin', status: 'active',
  codes: [{ system: SCT, code: '764146007' }], allergyCategories: ['medication'], ...o,
});
const flag = (source: SourceRef, id: string, o: Partial<AlertRecord> = {}): AlertRecord => ({
  ...base(source, 'Flag', id), kind: 'alert', resourceType: 'Flag', category: 'Clinical', text: 'At risk of falls', status: 'active',
  codes: [{ system: SCT, code: '129839007' }], ...o,
});
const condition = (source: SourceRef, id: string, o: Partial<ConditionRecord> = {}): ConditionRecord => ({
  ...base(source, 'Condition', id), kind: 'condition', text: 'Atrial fibrillation', codes: [{ system: SCT, code: '49436004' }], clinicalStatus: 'active',
  category: 'problem-list-item', ...o,
});
const med = (source: SourceRef, id: string, o: Partial<MedicationRecord> = {}): MedicationRecord => ({
  ...base(source, 'MedicationRequest', id), kind: 'medication', resourceType: 'MedicationRequest', name: 'Amlodipine 5mg tablets',
  codes: [{ system: SCT, code: '319283006' }], status: 'active', statusGroup: 'current', entryKind: 'prescription', intent: 'order', ...o,
});

describe('codes in words', () => {
  it('uses the display, else the text, else the built-in table, else says the code is not known', () => {
    expect(conceptWords('allergy-criticality', { coding: [{ code: 'high', display: 'High Risk' }] })).toBe('High Risk');
    expect(conceptWords('allergy-criticality', { coding: [{ code: 'high' }], text: 'Life-threatening' })).toBe('Life-threatening');
    expect(codeWords('encounter-class', 'IMP')).toBe('Inpatient');
    expect(codeWords('encounter-status', 'in-progress')).toBe('In progress');
    expect(codeWords('allergy-clinical', 'active')).toBe('Active');
    expect(codeWords('reaction-severity', 'moderate')).toBe('Moderate');
    expect(codeWords('encounter-class', 'XYZ')).toBe(notKnown('XYZ'));
    expect(codeWords('encounter-class', 'XYZ')).not.toBe('XYZ');
    expect(codeWords('encounter-class', undefined)).toBeUndefined();
  });
});

describe('alerts and allergies: one line each', () => {
  it('puts the same allergy from two organisations on one line with the most severe criticality and severity', () => {
    const s = groupAlerts([
      allergy(GP, 'a1', { criticality: 'low', severity: 'mild', start: '2019-05-01', reactions: ['Rash'] }),
      allergy(ACUTE, 'a2', { text: 'PENICILLIN', criticality: 'high', severity: 'moderate', start: '2026-10-30', reactions: ['Urticaria'] }),
    ]);
    expect(s.allergies).toHaveLength(1);
    expect(s.allergies[0]).toMatchObject({ criticality: 'high', severity: 'moderate', firstRecorded: '2019-05-01', lastRecorded: '2026-10-30', reactions: ['Urticaria', 'Rash'] });
    expect(s.allergies[0]?.sources.map((x) => x.endpointId)).toEqual(['ouse-valley-acute', 'riverside-gp']);
  });

  it('groups an uncoded alert with the coded one of the same words, three organisations on one line', () => {
    const s = groupAlerts([flag(GP, 'f1'), flag(COMMUNITY, 'f2'), flag(ACUTE, 'f3', { codes: [], text: 'At risk of falls.' })]);
    expect(s.flags).toHaveLength(1);
    expect(s.flags[0]?.entries).toHaveLength(3);
  });

  it('makes "no known drug allergy" a statement, flagged against penicillin recorded elsewhere, both visible', () => {
    const nkda = allergy(GP, 'n1', { text: 'No known drug allergy (situation)', codes: [{ system: SCT, code: '409137002' }], allergyCategories: [] });
    const s = groupAlerts([nkda, allergy(ACUTE, 'a2')]);
    expect(s.allergies.map((g) => g.name)).toEqual(['Penicillin']);
    expect(s.noKnownAllergies).toEqual([{ record: nkda, scope: 'medication', contradicts: ['Penicillin'] }]);
    expect(s.allergies[0]?.conflicts).toEqual([{ kind: 'no-known-allergy-elsewhere', statements: [nkda] }]);
  });

  it('does not flag "no known food allergy" against a drug allergy', () => {
    const nkfa = allergy(GP, 'n1', { text: 'No known food allergy', codes: [{ system: SCT, code: '429625007' }] });
    const s = groupAlerts([nkfa, allergy(ACUTE, 'a2')]);
    expect(s.allergies[0]?.conflicts).toEqual([]);
    expect(s.noKnownAllergies[0]?.contradicts).toEqual([]);
  });

  it('leaves refuted entries out of the lines, listed apart, and flags a line another organisation ruled out', () => {
    const ruledOut = allergy(GP, 'a1', { status: 'refuted' });
    const s = groupAlerts([ruledOut, allergy(ACUTE, 'a2')]);
    expect(s.refuted).toEqual([ruledOut]);
    expect(s.allergies[0]?.entries.map((e) => e.key)).toEqual(['ouse-valley-acute/AllergyIntolerance/a2']);
    expect(s.allergies[0]?.conflicts).toEqual([{ kind: 'refuted-elsewhere', refuted: [ruledOut] }]);
  });

  it('puts ReSPECT and DNACPR decisions first, apart from other alerts', () => {
    const respect = flag(ACUTE, 'f9', { text: 'ReSPECT form completed: not for cardiopulmonary resuscitation', codes: [{ system: SCT, code: '304253006' }], category: 'Advance Directive' });
    const s = groupAlerts([flag(GP, 'f1'), respect]);
    expect(s.advanceDecisions.map((g) => g.name)).toEqual([respect.text]);
    expect(s.flags.map((g) => g.name)).toEqual(['At risk of falls']);
  });

  it('flags an alert active at one organisation and ended at another', () => {
    const s = groupAlerts([flag(GP, 'f1'), flag(COMMUNITY, 'f2', { status: 'inactive' })]);
    expect(s.flags[0]?.conflicts).toEqual([{ kind: 'ended-elsewhere', endedAt: [COMMUNITY], activeAt: [GP] }]);
  });
});

describe('problems and diagnoses', () => {
  it('groups by SNOMED CT code, then normalised text; keeps problem list apart from diagnoses at contacts, and resolved apart', () => {
    const s = groupConditions([
      condition(GP, 'c1', { onset: '2015-03-01', recordedDate: '2015-03-02' }),
      condition(ACUTE, 'c2', { category: 'encounter-diagnosis', recordedDate: '2026-10-29' }),
      condition(ACUTE, 'c3', { text: 'Bleeding from ear', codes: [], category: 'encounter-diagnosis' }),
      condition(GP, 'c4', { text: 'Loosening of total hip replacement', codes: [{ system: SCT, code: '429001007' }], clinicalStatus: 'resolved' }),
      condition(COMMUNITY, 'c5', { text: 'Asthma', codes: [], clinicalStatus: 'refuted' }),
    ]);
    expect(s.problems.map((g) => [g.name, g.entries.length, g.onset, g.lastRecorded])).toEqual([['Atrial fibrillation', 2, '2015-03-01', '2026-10-29']]);
    expect(s.diagnoses.map((g) => g.name)).toEqual(['Bleeding from ear']);
    expect(s.inactive.map((g) => g.name)).toEqual(['Loosening of total hip replacement']);
    expect(s.refuted.map((c) => c.text)).toEqual(['Asthma']);
  });

  it('keeps a problem active at one organisation with the active ones, flagged as resolved elsewhere', () => {
    const s = groupConditions([condition(GP, 'c1'), condition(ACUTE, 'c2', { clinicalStatus: 'resolved' })]);
    expect(s.problems[0]?.statusDiffers).toBe(true);
    expect(s.inactive).toEqual([]);
  });
});

describe('medicines: intent, current window, reconciliation', () => {
  it('never counts a proposal or an option as current, and keeps medicines only ever proposed apart', () => {
    const option = med(GP, 'o1', { intent: 'option', entryKind: 'option', date: '2026-10-30' });
    expect(isCurrentOn(option, NOW)).toBe(false);
    const { current, past, notPrescribed } = splitCurrentPast(groupMedications([option], NOW));
    expect([current.length, past.length, notPrescribed.length]).toEqual([0, 0, 1]);
  });

  it('counts a repeat left active with no end date as current for 365 days after its last issue, an acute course for 28', () => {
    expect(isCurrentOn(med(GP, 'm1', { date: '2025-11-02T12:00:00Z' }), NOW)).toBe(true);
    expect(isCurrentOn(med(GP, 'm1', { date: '2025-10-31T12:00:00Z' }), NOW)).toBe(false);
    expect(isCurrentOn(med(GP, 'm1', { date: '2026-10-05T12:00:00Z', courseCode: 'acute' }), NOW)).toBe(true);
    expect(isCurrentOn(med(GP, 'm1', { date: '2026-10-03T12:00:00Z', courseCode: 'acute' }), NOW)).toBe(false);
    expect(isCurrentOn(med(GP, 'm1', { date: '2020-01-01', endDate: '2027-01-01' }), NOW)).toBe(true);
    expect(isCurrentOn(med(GP, 'm1'), NOW)).toBe(true);
  });

  it('flags different doses, stopped at one organisation but active at another, known to one, and active but stale', () => {
    const sources = new Set([GP.endpointId, ACUTE.endpointId]);
    const gp = med(GP, 'm1', { dose: 'One tablet daily', date: '2026-10-20' });
    const acute = med(ACUTE, 's1', { resourceType: 'MedicationStatement', entryKind: 'statement', dose: 'Two tablets daily', date: '2026-10-29' });
    expect(medicineDiscrepancies([gp, acute], sources, NOW)).toEqual([
      { kind: 'different-dose', doses: [{ source: ACUTE, dose: 'Two tablets daily' }, { source: GP, dose: 'One tablet daily' }] },
    ]);
    const stopped = med(ACUTE, 's2', { status: 'stopped', statusGroup: 'past', date: '2026-10-29' });
    expect(medicineDiscrepancies([gp, stopped], sources, NOW)).toEqual([{ kind: 'stopped-elsewhere', stoppedAt: [ACUTE], activeAt: [GP] }]);
    expect(medicineDiscrepancies([gp], sources, NOW)).toEqual([{ kind: 'one-source', source: GP }]);
    expect(medicineDiscrepancies([gp], new Set([GP.endpointId]), NOW)).toEqual([]);
    expect(medicineDiscrepancies([med(GP, 'old', { date: '2023-01-01' })], new Set([GP.endpointId]), NOW)).toEqual([
      { kind: 'stale-active', entries: [{ source: GP, date: '2023-01-01' }] },
    ]);
  });

  it('does not count an inpatient order as an issue: it is given on the ward (FHIR MedicationRequest.category inpatient)', () => {
    const entries = [
      med(GP, 'c', { date: '2026-10-07T10:00:00Z', requestCategory: 'community' }),
      med(ACUTE, 'i', { date: '2026-10-29T19:25:00Z', requestCategory: 'inpatient' }),
      med(ACUTE, 'd', { date: '2026-09-01T10:00:00Z', requestCategory: 'discharge' }),
    ];
    expect(lastIssued(entries)).toBe('2026-10-07T10:00:00Z');
    expect(groupMedications(entries, NOW)[0]).toMatchObject({ lastIssued: '2026-10-07T10:00:00Z', lastIssuedBy: GP.organisationName });
    // A discharge prescription is issued to the patient: it counts.
    expect(lastIssued([entries[1]!, entries[2]!])).toBe('2026-09-01T10:00:00Z');
    expect(groupMedications([entries[1]!], NOW)[0]).not.toHaveProperty('lastIssued');
  });

  it('gives the last issue from prescriptions only', () => {
    expect(lastIssued([med(GP, 'a', { date: '2026-09-01' }), med(GP, 'b', { date: '2026-10-01', entryKind: 'option' }), med(ACUTE, 's', { resourceType: 'MedicationStatement', entryKind: 'statement', date: '2026-10-30' })])).toBe('2026-09-01');
  });

  it('never gives the date of a stop as the last issue (the hospital stopped ramipril on 31-Oct, the GP last issued it on 04-Oct)', () => {
    const ramipril = { name: 'Ramipril 2.5mg capsules', codes: [{ system: SCT, code: '318901006' }] };
    const entries = [
      med(GP, 'r1', { ...ramipril, date: '2026-10-04T10:00:00Z' }),
      med(GP, 'r0', { ...ramipril, date: '2026-09-06T10:00:00Z', status: 'completed', statusGroup: 'past' }),
      med(ACUTE, 'stop', { ...ramipril, date: '2026-10-31T10:00:00Z', status: 'stopped', statusGroup: 'past' }),
    ];
    expect(lastIssued(entries)).toBe('2026-10-04T10:00:00Z');
    expect(groupMedications(entries, NOW)[0]?.lastIssued).toBe('2026-10-04T10:00:00Z');
  });

  it('counts as issues only requests that were issued: active, completed (a repeat issued and done) and on-hold (issued, then paused)', () => {
    const issue = (status: string, date: string) => med(GP, status, { status, date });
    expect(lastIssued([issue('active', '2026-06-01'), issue('completed', '2026-07-01')])).toBe('2026-07-01');
    expect(lastIssued([issue('active', '2026-06-01'), issue('on-hold', '2026-07-01')])).toBe('2026-07-01');
    for (const notIssued of ['stopped', 'cancelled', 'entered-in-error', 'draft', 'unknown']) {
      expect(lastIssued([issue('active', '2026-06-01'), issue(notIssued, '2026-07-01')])).toBe('2026-06-01');
      expect(lastIssued([issue(notIssued, '2026-07-01')])).toBeUndefined();
    }
    for (const entryKind of ['proposal', 'option', 'plan'] as const) {
      expect(lastIssued([issue('active', '2026-06-01'), med(GP, entryKind, { entryKind, intent: entryKind, date: '2026-07-01' })])).toBe('2026-06-01');
    }
    expect(lastIssued([med(GP, 'no-intent', { entryKind: 'intent-not-stated', intent: undefined, date: '2026-07-01' })])).toBe('2026-07-01');
  });
});

describe('what happened at a contact', () => {
  const admission: EncounterRecord = {
    ...base(ACUTE, 'Encounter', 'e1'), kind: 'encounter', type: 'Emergency admission', classCode: 'IMP', status: 'finished',
    start: '2026-10-20T10:00:00Z', end: '2026-10-24T16:00:00Z',
    diagnoses: [{ display: 'Fall', rank: 2 }, { conditionRef: 'Condition/c2', rank: 1, use: 'Discharge diagnosis' }, { conditionRef: 'Condition/missing' }],
  };
  it('gives the length of stay, and the days so far for a stay in progress', () => {
    expect(lengthOfStay(admission)).toBe('4 days');
    expect(lengthOfStay({ ...admission, end: '2026-10-20T12:00:00Z' })).toBe('less than a day');
    expect(lengthOfStay({ ...admission, end: undefined, status: 'in-progress' }, NOW)).toBe('12 days so far');
  });
  it('resolves diagnoses within the same organisation, in rank order, and lists items recorded in the contact', () => {
    const c2 = condition(ACUTE, 'c2', { text: 'Fractured neck of femur', encounterRef: 'Encounter/e1' });
    const elsewhere = condition(GP, 'c2', { encounterRef: 'Encounter/e1' });
    const m = med(ACUTE, 'm1', { encounterRef: 'Encounter/e1' });
    expect(encounterDiagnoses(admission, [c2, elsewhere]).map((d) => [d.text, d.use])).toEqual([
      ['Fractured neck of femur', 'Discharge diagnosis'], ['Fall', undefined], ['A diagnosis the organisation did not send', undefined],
    ]);
    expect(itemsOfEncounter(admission, [c2, elsewhere, m, admission]).map((r) => r.key)).toEqual([c2.key, m.key]);
  });
});
