import type { DiagnosticReport, DocumentReference, Observation } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { SOURCES } from '../testing/record-arbitraries';
import { normaliseResources } from './index';
import { normaliseDiagnosticReport } from './diagnostic-report';
import { normaliseDocumentReference } from './document-reference';
import { normaliseObservation } from './observation';

const gp = SOURCES[0]!;
const subject = { reference: 'Patient/p1' };

/** Shaped like the UK Core example Observation-SerumPotassium, with a critical interpretation. */
const potassium: Observation = {
  resourceType: 'Observation', id: 'k1', status: 'final', subject,
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
  code: { coding: [{ system: 'http://snomed.info/sct', code: '1000651000000109', display: 'Serum potassium level' }] },
  effectiveDateTime: '2026-10-30T07:45:00Z',
  valueQuantity: { value: 6.8, unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' },
  interpretation: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'HH', display: 'Critical high' }] }],
  referenceRange: [{ low: { value: 3.5, unit: 'mmol/L' }, high: { value: 5.3, unit: 'mmol/L' } }],
  performer: [{ display: 'Ouse Valley Pathology' }],
};

describe('normaliseObservation', () => {
  it('reads the value, unit, UCUM code, range, laboratory interpretation, date and performer', () => {
    const out = normaliseObservation(potassium, gp);
    expect(out.ok && out.record).toMatchObject({
      kind: 'result', name: 'Serum potassium level', status: 'final', category: 'laboratory', date: '2026-10-30T07:45:00Z',
      value: { kind: 'quantity', value: 6.8, unit: 'mmol/L', ucum: 'mmol/L' },
      referenceRange: { low: 3.5, high: 5.3, unit: 'mmol/L' },
      interpretation: { level: 'critical-high', text: 'Critical high', source: 'laboratory' },
      performer: 'Ouse Valley Pathology',
    });
  });
  it('keeps a unit that is not UCUM as written, without a UCUM code', () => {
    const out = normaliseObservation({ ...potassium, valueQuantity: { value: 6.8, unit: 'mmol/l' } }, gp);
    expect(out.ok && out.record.value).toEqual({ kind: 'quantity', value: 6.8, unit: 'mmol/l' });
  });
  it('reads components (blood pressure) as text and a missing value with its reason', () => {
    const bp: Observation = {
      resourceType: 'Observation', id: 'bp', status: 'final', subject, code: { text: 'Blood pressure' }, effectiveDateTime: '2026-05',
      component: [
        { code: { text: 'Systolic' }, valueQuantity: { value: 142, unit: 'mmHg' } },
        { code: { text: 'Diastolic' }, valueQuantity: { value: 88, unit: 'mmHg' } },
      ],
    };
    expect((normaliseObservation(bp, gp) as { record: { value: unknown } }).record.value).toEqual({ kind: 'text', text: 'Systolic 142 mmHg; Diastolic 88 mmHg' });
    const absent = normaliseObservation({ ...potassium, valueQuantity: undefined, interpretation: undefined, dataAbsentReason: { text: 'Sample haemolysed' } }, gp);
    expect(absent.ok && absent.record.value).toEqual({ kind: 'text', text: 'No value: Sample haemolysed' });
  });
  it('reports entered-in-error, a value that is not a number, and an impossible date as unreadable', () => {
    expect(normaliseObservation({ ...potassium, status: 'entered-in-error' }, gp).ok).toBe(false);
    expect(normaliseObservation({ ...potassium, valueQuantity: { value: '6.8' as never } }, gp)).toMatchObject({ ok: false, unreadable: { problem: 'The number in valueQuantity.value is not a number: "6.8"' } });
    expect(normaliseObservation({ ...potassium, effectiveDateTime: '2026-02-30' }, gp).ok).toBe(false);
  });
});

describe('normaliseDiagnosticReport', () => {
  const report: DiagnosticReport = {
    resourceType: 'DiagnosticReport', id: 'r1', status: 'final', subject, code: { text: 'Urea and electrolytes' }, issued: '2026-10-30T09:00:00Z',
    result: [{ reference: 'Observation/k1' }, { reference: 'Observation/missing' }],
    conclusion: 'Potassium critically raised; phoned to ward.',
  };
  it('names its results and counts those the server did not return', () => {
    const out = normaliseDiagnosticReport(report, gp, new Map([['Observation/k1', potassium]]));
    expect(out.ok && out.record).toMatchObject({
      kind: 'report', name: 'Urea and electrolytes', date: '2026-10-30T09:00:00Z', conclusion: 'Potassium critically raised; phoned to ward.',
      resultKeys: ['riverside-gp/Observation/k1', 'riverside-gp/Observation/missing'], unresolvedResults: 1,
    });
  });
  it('reads an inline text/plain presented form as text (an imaging report without values)', () => {
    const xray: DiagnosticReport = {
      resourceType: 'DiagnosticReport', id: 'x1', status: 'final', subject, code: { text: 'XR chest' }, effectiveDateTime: '2026-03-02',
      presentedForm: [{ contentType: 'text/plain; charset=utf-8', data: btoa('No focal consolidation.') }],
    };
    const out = normaliseDiagnosticReport(xray, gp);
    expect(out.ok && [out.record.presentedText, out.record.resultKeys, out.record.unresolvedResults]).toEqual(['No focal consolidation.', [], 0]);
  });
});

describe('normaliseDocumentReference', () => {
  const letter: DocumentReference = {
    resourceType: 'DocumentReference', id: 'd1', status: 'current', docStatus: 'final', subject,
    type: { coding: [{ system: 'http://snomed.info/sct', code: '371531000', display: 'Report of clinical encounter' }] },
    date: '2026-10-12T14:00:00Z',
    custodian: { display: 'Ouse Valley Hospitals NHS Foundation Trust' },
    author: [{ reference: 'Practitioner/1', display: 'Dr Owen Price' }],
    description: 'Cardiology clinic letter',
    content: [{ attachment: { contentType: 'application/pdf', url: 'Binary/b1', size: 2048, title: 'letter.pdf' } }],
  };
  it('lists type, date, author organisation, status and the attachment address, never its content', () => {
    const out = normaliseDocumentReference(letter, gp);
    expect(out.ok && out.record).toMatchObject({
      kind: 'document', title: 'Cardiology clinic letter', type: 'Report of clinical encounter', date: '2026-10-12T14:00:00Z',
      authorOrganisation: 'Ouse Valley Hospitals NHS Foundation Trust', author: 'Dr Owen Price', status: 'current', docStatus: 'final',
      attachments: [{ contentType: 'application/pdf', url: 'Binary/b1', size: 2048, title: 'letter.pdf' }],
    });
  });
  it('refuses one without a title or type, and one entered in error', () => {
    expect(normaliseDocumentReference({ ...letter, description: undefined, type: undefined, content: [] }, gp).ok).toBe(false);
    expect(normaliseDocumentReference({ ...letter, status: 'entered-in-error' }, gp).ok).toBe(false);
  });
  it('is normalised with the rest of an endpoint’s answer, subject checked', () => {
    const out = normaliseResources([potassium, letter, { ...letter, id: 'd2', subject: { reference: 'Patient/other' } }] as never, { source: gp, patientId: 'p1' });
    expect(out.records.map((r) => r.kind)).toEqual(['result', 'document']);
    expect(out.wrongSubject).toBe(1);
  });
});
