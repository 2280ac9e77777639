/**
 * Contacts as Encounters, in the shape each kind of organisation records them: GP
 * consultations (surgery, telephone, home), A&E attendances and admissions, district
 * nurse visits, social care assessments, ambulance call-outs and mental health
 * appointments. Class codes are v3 ActCode (AMB, EMER, IMP, HH, VR, FLD); types are
 * SNOMED CT where a fitting concept exists and text otherwise, as local systems send.
 */
import type { Encounter } from 'fhir/r4';
import type { OrganisationKind } from '../sandbox/topology';
import type { RecordContext } from './context';
import { addMinutes, daysAgo, instantBefore } from './clock';
import { SNOMED, V3_ACT_CODE } from './systems';

type ClassCode = 'AMB' | 'EMER' | 'IMP' | 'HH' | 'VR' | 'FLD';
const CLASS_DISPLAY: Record<ClassCode, string> = {
  AMB: 'ambulatory', EMER: 'emergency', IMP: 'inpatient encounter', HH: 'home health', VR: 'virtual', FLD: 'field',
};

interface Template {
  weight: number;
  cls: ClassCode;
  text: string;
  snomed?: [string, string];
  /** Length in minutes (for admissions: drawn in days below). */
  minutes: number;
}

const CONSULTATION: [string, string] = ['11429006', 'Consultation'];
const HOME_VISIT: [string, string] = ['439708006', 'Home visit'];

const TEMPLATES: Record<OrganisationKind, Template[]> = {
  // No sandbox endpoint is a pharmacy yet; a pharmacy's records are dispensings, not encounters.
  pharmacy: [],
  // Nor a sexual health service: the kind exists so that a region can configure (and conceal) one.
  'sexual-health': [],
  'gp-practice': [
    { weight: 5, cls: 'AMB', text: 'GP surgery consultation', snomed: CONSULTATION, minutes: 10 },
    { weight: 4, cls: 'VR', text: 'GP telephone consultation', snomed: ['185317003', 'Telephone encounter'], minutes: 10 },
    { weight: 2, cls: 'AMB', text: 'Practice nurse appointment', snomed: CONSULTATION, minutes: 20 },
    { weight: 1, cls: 'HH', text: 'GP home visit', snomed: HOME_VISIT, minutes: 30 },
  ],
  'acute-hospital': [
    { weight: 4, cls: 'AMB', text: 'Outpatient appointment', snomed: CONSULTATION, minutes: 20 },
    { weight: 2, cls: 'EMER', text: 'A&E attendance', snomed: ['4525004', 'Emergency department patient visit'], minutes: 240 },
    { weight: 1, cls: 'IMP', text: 'Emergency admission', snomed: ['32485007', 'Hospital admission'], minutes: 0 },
  ],
  'community-health': [
    { weight: 4, cls: 'HH', text: 'District nurse home visit', snomed: HOME_VISIT, minutes: 30 },
    { weight: 1, cls: 'AMB', text: 'Community physiotherapy appointment', minutes: 45 },
    { weight: 1, cls: 'HH', text: 'Community matron review', snomed: HOME_VISIT, minutes: 45 },
  ],
  'social-care': [
    { weight: 1, cls: 'HH', text: 'Care Act needs assessment', minutes: 90 },
    { weight: 3, cls: 'HH', text: 'Care and support plan review', minutes: 60 },
    { weight: 2, cls: 'VR', text: 'Social worker telephone contact', minutes: 15 },
    { weight: 1, cls: 'HH', text: 'Occupational therapy assessment', minutes: 60 },
  ],
  ambulance: [
    { weight: 3, cls: 'FLD', text: 'Emergency ambulance call-out: see and convey', minutes: 80 },
    { weight: 2, cls: 'FLD', text: 'Emergency ambulance call-out: see and treat', minutes: 60 },
    { weight: 1, cls: 'VR', text: 'Clinical hub telephone assessment (hear and treat)', minutes: 20 },
  ],
  'mental-health': [
    { weight: 3, cls: 'AMB', text: 'Community mental health team appointment', snomed: CONSULTATION, minutes: 50 },
    { weight: 2, cls: 'HH', text: 'Care coordinator home visit', snomed: HOME_VISIT, minutes: 60 },
    { weight: 2, cls: 'VR', text: 'Telephone support call', snomed: ['185317003', 'Telephone encounter'], minutes: 20 },
    { weight: 1, cls: 'AMB', text: 'Psychiatrist outpatient review', snomed: CONSULTATION, minutes: 30 },
  ],
};

const SPECIALTIES = ['Cardiology', 'Diabetes and endocrinology', 'Care of the elderly', 'Respiratory medicine', 'Renal medicine', 'Trauma and orthopaedics'];

function pickTemplate(ctx: RecordContext): Template {
  const list = TEMPLATES[ctx.endpoint.kind];
  let roll = ctx.rng.int(1, list.reduce((s, t) => s + t.weight, 0));
  for (const t of list) if ((roll -= t.weight) <= 0) return t;
  return list[0] as Template;
}

/**
 * `count` contacts spread over the years before the reference date (or before death),
 * oldest first. Returns them so that other builders can hang records on admissions.
 */
export function encounters(ctx: RecordContext, count: number): Encounter[] {
  const { rng, plan } = ctx;
  const newest = plan.deceasedDateTime ? daysAgo(plan.deceasedDateTime) + 2 : 1;
  const spanDays = Math.min(12 * 365, Math.max(400, count * 3));
  const days = Array.from({ length: count }, () => rng.int(newest, newest + spanDays)).sort((a, b) => b - a);
  const out = days.map((d, i) => {
    const inpatientNow = plan.inpatientNow && ctx.endpoint.kind === 'acute-hospital' && i === count - 1;
    return build(ctx, inpatientNow ? inpatientTemplate() : pickTemplate(ctx), inpatientNow ? 3 : d, inpatientNow);
  });
  return out;
}

function inpatientTemplate(): Template {
  return TEMPLATES['acute-hospital'].find((t) => t.cls === 'IMP') as Template;
}

function build(ctx: RecordContext, t: Template, day: number, ongoing = false): Encounter {
  const { rng } = ctx;
  const start = instantBefore(day, rng.int(8 * 60, 18 * 60));
  // Admissions last days, but never past the reference date (a stay still going is `ongoing`).
  const minutes = t.cls === 'IMP' ? rng.int(Math.min(1, day - 1), Math.min(9, day - 1)) * 1440 + rng.int(0, 600) : t.minutes;
  const text = t.cls === 'AMB' && ctx.endpoint.kind === 'acute-hospital' ? `${t.text}: ${rng.pick(SPECIALTIES)}` : t.text;
  const enc: Encounter = {
    resourceType: 'Encounter',
    id: ctx.nextId('Encounter'),
    status: ongoing ? 'in-progress' : 'finished',
    class: { system: V3_ACT_CODE, code: t.cls, display: CLASS_DISPLAY[t.cls] },
    type: [{ ...(t.snomed ? { coding: [{ system: SNOMED, code: t.snomed[0], display: t.snomed[1] }] } : {}), text }],
    subject: ctx.subject,
    participant: [{ individual: ctx.author }],
    period: ongoing ? { start } : { start, end: addMinutes(start, minutes) },
    serviceProvider: ctx.organisation,
  };
  return ctx.add(enc);
}
