import { describe, expect, it } from 'vitest';
import type { AllergyIntolerance, CarePlan, Condition, Encounter, Flag } from 'fhir/r4';
import type { SourceRef } from '../records';
import { normaliseAllergy, normaliseCarePlan, normaliseCondition, normaliseEncounter, normaliseFlag } from './index';

const source: SourceRef = { endpointId: 'cambs-asc', organisationName: 'Cambridgeshire County Council Adult Social Care', odsCode: 'L9C01' };
const subject = { reference: 'Patient/ASC3000001' };
const problem = (r: { ok: boolean; unreadable?: { problem: string } }) => (r.ok ? undefined : r.unreadable?.problem);

describe('normaliseEncounter', () => {
  const enc = (extra: Partial<Encounter> = {}): Encounter => ({
    resourceType: 'Encounter',
    id: 'enc-000001',
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'HH', display: 'home health' },
    type: [{ coding: [{ system: 'http://snomed.info/sct', code: '439708006', display: 'Home visit' }], text: 'Care Act needs assessment' }],
    subject,
    period: { start: '2026-09-01T10:00:00Z', end: '2026-09-01T11:30:00Z' },
    reasonCode: [{ text: 'Hospital discharge' }, { coding: [{ display: 'Falls' }] }],
    location: [{ location: { display: 'Home' } }],
    serviceProvider: { display: 'Adult Social Care' },
    ...extra,
  });

  it('reads type, class, period, reasons, location and provider', () => {
    const r = normaliseEncounter(enc(), source);
    expect(r.ok && r.record).toMatchObject({
      key: 'cambs-asc/Encounter/enc-000001', kind: 'encounter', type: 'Care Act needs assessment', classCode: 'HH', status: 'finished',
      start: '2026-09-01T10:00:00Z', end: '2026-09-01T11:30:00Z', reason: 'Hospital discharge; Falls', location: 'Home', serviceProvider: 'Adult Social Care',
    });
  });

  it('falls back from type text to its display, to the class display, then the class code', () => {
    const type = (e: Encounter) => { const r = normaliseEncounter(e, source); return r.ok ? r.record.type : r.unreadable.problem; };
    expect(type(enc({ type: [{ coding: [{ display: 'Home visit' }] }] }))).toBe('Home visit');
    expect(type(enc({ type: undefined }))).toBe('home health');
    // A class code without a display is put in words from the v3 ActCode table, never shown bare.
    expect(type(enc({ type: [], class: { code: 'FLD' } }))).toBe('Field (at the scene)');
    expect(type(enc({ type: [], class: { code: 'ZZZ' } }))).toBe('not a known code (“ZZZ”)');
  });

  it('does not show an encounter entered in error, or one with a bad date', () => {
    expect(problem(normaliseEncounter(enc({ status: 'entered-in-error' }), source))).toBe('Entered in error at source');
    expect(problem(normaliseEncounter(enc({ period: { start: '2026-09-31' } }), source))).toMatch(/period.start/);
  });
});

describe('normaliseCarePlan', () => {
  const plan = (extra: Partial<CarePlan> = {}): CarePlan => ({
    resourceType: 'CarePlan', id: 'cp-1', status: 'active', intent: 'plan', subject,
    title: 'Care and support plan (Care Act 2014)',
    category: [{ text: 'Social care and support plan' }],
    period: { start: '2025-03-01' },
    activity: [{ detail: { status: 'in-progress', description: 'Meals delivered at lunchtime' } }, { detail: { status: 'scheduled', code: { text: 'Day centre' } } }, { reference: { display: 'Referral to OT' } }],
    careTeam: [{ display: 'Reablement team' }],
    contributor: [{ display: 'Cambridgeshire County Council' }, { display: 'Reablement team' }],
    ...extra,
  });

  it('reads title, category, activities and care team (once each)', () => {
    const r = normaliseCarePlan(plan(), source);
    expect(r.ok && r.record).toMatchObject({
      kind: 'care-plan', title: 'Care and support plan (Care Act 2014)', status: 'active', category: 'Social care and support plan', start: '2025-03-01',
      activities: ['Meals delivered at lunchtime', 'Day centre', 'Referral to OT'], careTeam: ['Reablement team', 'Cambridgeshire County Council'],
    });
  });

  it('titles from description, then category', () => {
    const t = (p: CarePlan) => { const r = normaliseCarePlan(p, source); return r.ok ? r.record.title : r.unreadable.problem; };
    expect(t(plan({ title: undefined, description: 'Falls plan' }))).toBe('Falls plan');
    expect(t(plan({ title: ' ' }))).toBe('Social care and support plan');
    expect(t(plan({ title: undefined, category: undefined }))).toBe('Care plan (no title)');
  });
});

describe('normaliseFlag', () => {
  const flag = (extra: Partial<Flag> = {}): Flag => ({
    resourceType: 'Flag', id: 'flag-1', status: 'active', subject,
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/flag-category', code: 'safety', display: 'Safety' }] }],
    code: { text: 'Adult safeguarding concern: possible financial abuse' },
    period: { start: '2025-01-10' },
    ...extra,
  });

  it('reads category and text', () => {
    const r = normaliseFlag(flag(), source);
    expect(r.ok && r.record).toMatchObject({ kind: 'alert', resourceType: 'Flag', category: 'Safety', text: 'Adult safeguarding concern: possible financial abuse', status: 'active', start: '2025-01-10' });
    const byDisplay = normaliseFlag(flag({ code: { coding: [{ display: 'At risk for falls' }] }, category: [{ text: 'Falls' }] }), source);
    expect(byDisplay.ok && [byDisplay.record.category, byDisplay.record.text]).toEqual(['Falls', 'At risk for falls']);
  });

  it('will not show a flag that says nothing', () => {
    expect(problem(normaliseFlag(flag({ code: {} }), source))).toBe('No alert text');
    expect(problem(normaliseFlag(flag({ status: 'entered-in-error' }), source))).toBe('Entered in error at source');
  });
});

describe('normaliseAllergy', () => {
  const allergy = (extra: Partial<AllergyIntolerance> = {}): AllergyIntolerance => ({
    resourceType: 'AllergyIntolerance', id: 'al-1', patient: subject,
    clinicalStatus: { coding: [{ code: 'active' }] },
    verificationStatus: { coding: [{ code: 'confirmed' }] },
    type: 'allergy', criticality: 'high',
    code: { coding: [{ system: 'http://snomed.info/sct', code: '764146007', display: 'Penicillin' }] },
    recordedDate: '2019-05-01T11:00:00Z',
    reaction: [
      { manifestation: [{ text: 'Urticaria' }], severity: 'moderate' },
      { manifestation: [{ coding: [{ display: 'Anaphylaxis' }] }, { text: 'Urticaria' }], severity: 'severe' },
      { manifestation: [{ text: 'Rash' }], severity: 'mild' },
    ],
    ...extra,
  });

  it('reads type, substance, reactions once each, the highest severity and criticality', () => {
    const r = normaliseAllergy(allergy(), source);
    expect(r.ok && r.record).toMatchObject({
      kind: 'alert', resourceType: 'AllergyIntolerance', category: 'allergy', text: 'Penicillin', status: 'active', start: '2019-05-01T11:00:00Z',
      reactions: ['Urticaria', 'Anaphylaxis', 'Rash'], severity: 'severe', criticality: 'high',
    });
  });

  it('says so when the type is not given, and marks a refuted allergy', () => {
    const r = normaliseAllergy(allergy({ type: undefined, verificationStatus: { coding: [{ code: 'refuted' }] } }), source);
    expect(r.ok && [r.record.category, r.record.status]).toEqual(['allergy or intolerance', 'refuted']);
    const i = normaliseAllergy(allergy({ type: 'intolerance' }), source);
    expect(i.ok && i.record.category).toBe('intolerance');
  });

  it('will not show an allergy without a substance or entered in error', () => {
    expect(problem(normaliseAllergy(allergy({ code: undefined }), source))).toBe('No substance or allergy named');
    expect(problem(normaliseAllergy(allergy({ verificationStatus: { coding: [{ code: 'entered-in-error' }] } }), source))).toBe('Entered in error at source');
  });
});

describe('normaliseCondition', () => {
  const condition = (extra: Partial<Condition> = {}): Condition => ({
    resourceType: 'Condition', id: 'c-1', subject,
    clinicalStatus: { coding: [{ code: 'active' }] },
    code: { coding: [{ system: 'http://snomed.info/sct', code: '44054006', display: 'Type 2 diabetes mellitus' }], text: 'Type 2 diabetes' },
    onsetDateTime: '2012-04-01',
    ...extra,
  });

  it('reads text, codes, status and onset', () => {
    const r = normaliseCondition(condition(), source);
    expect(r.ok && r.record).toMatchObject({
      kind: 'condition', text: 'Type 2 diabetes', codes: [{ system: 'http://snomed.info/sct', code: '44054006', display: 'Type 2 diabetes mellitus' }],
      clinicalStatus: 'active', onset: '2012-04-01',
    });
  });

  it('marks refuted, refuses entered-in-error and unnamed conditions', () => {
    const r = normaliseCondition(condition({ verificationStatus: { coding: [{ code: 'refuted' }] } }), source);
    expect(r.ok && r.record.clinicalStatus).toBe('refuted');
    expect(problem(normaliseCondition(condition({ verificationStatus: { coding: [{ code: 'entered-in-error' }] } }), source))).toBe('Entered in error at source');
    expect(problem(normaliseCondition(condition({ code: undefined }), source))).toBe('No condition named');
  });
});
