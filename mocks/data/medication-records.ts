/**
 * Medicines as each organisation records them:
 *  - the GP: one MedicationRequest per issue of a repeat (latest active, older
 *    completed), a stopped antidepressant switched for another, the odd acute course;
 *  - an acute trust: MedicationStatements from medicines reconciliation at each
 *    admission (the same dm+d codes as the GP, some through a contained Medication),
 *    inpatient orders during a current stay and discharge prescriptions;
 *  - mental health: MedicationRequests pointing at separate Medication resources.
 * Some servers send dm+d ids under the SNOMED CT system, as real feeds do.
 */
import type { CodeableConcept, Encounter, Medication, MedicationRequest, MedicationStatement, Reference } from 'fhir/r4';
import type { RecordContext } from './context';
import { MEDICINES, longTermMedicines, type MedicineKey } from './medicines';
import { addMinutes, daysAgo, instantBefore } from './clock';
import { DMD, MEDREQ_CATEGORY, MEDSTATEMENT_CATEGORY, MED_COURSE, SNOMED } from './systems';

/** Servers that code medicines with dm+d ids under http://snomed.info/sct. */
const SNOMED_FEEDS = new Set(['lea-valley-gp', 'ouse-valley-acute']);

function concept(ctx: RecordContext, key: MedicineKey): CodeableConcept {
  const m = MEDICINES[key];
  const system = SNOMED_FEEDS.has(ctx.endpoint.id) ? SNOMED : DMD;
  return { coding: [{ system, code: m.code, display: m.display }], text: m.display };
}

function request(ctx: RecordContext, key: MedicineKey, authoredOn: string, status: MedicationRequest['status'], category: string, course: 'continuous' | 'acute'): MedicationRequest {
  const m = MEDICINES[key];
  return {
    resourceType: 'MedicationRequest',
    id: ctx.nextId('MedicationRequest'),
    status,
    intent: 'order',
    category: [{ coding: [{ system: MEDREQ_CATEGORY, code: category }] }],
    medicationCodeableConcept: concept(ctx, key),
    subject: ctx.subject,
    authoredOn,
    ...(ctx.author.reference ? { requester: ctx.author } : { performer: ctx.organisation }),
    courseOfTherapyType: { coding: [{ system: MED_COURSE, code: course, display: course === 'acute' ? 'Short course (acute) therapy' : 'Continuous long term therapy' }] },
    dosageInstruction: [{ text: m.dose }],
    dispenseRequest: { quantity: { value: m.unit === 'inhaler' ? 1 : 56, unit: m.unit } },
  };
}

/** GP prescribing: repeats issued every 28 days, the latest still active. */
export function gpMedication(ctx: RecordContext, issuesPerMedicine: number): void {
  const { plan, rng } = ctx;
  const lastDay = plan.deceasedDateTime ? daysAgo(plan.deceasedDateTime) + 3 : rng.int(3, 25);
  for (const key of longTermMedicines(plan.conditions)) {
    for (let i = issuesPerMedicine - 1; i >= 0; i--) {
      const latest = i === 0;
      const status = !latest ? 'completed' : plan.deceasedDateTime ? 'stopped' : 'active';
      const mr = request(ctx, key, instantBefore(lastDay + i * 28 + rng.int(0, 2), 10 * 60), status, 'community', 'continuous');
      if (latest && plan.deceasedDateTime) mr.statusReason = { text: 'Patient died' };
      ctx.add(mr);
    }
  }
  if (plan.conditions.includes('depression')) {
    const stopped = request(ctx, 'citalopram', instantBefore(lastDay + issuesPerMedicine * 28 + 200, 10 * 60), 'stopped', 'community', 'continuous');
    stopped.statusReason = { text: 'Switched to sertraline: side effects' };
    ctx.add(stopped);
  }
  if (plan.deceasedDateTime) ctx.add(request(ctx, 'morphineMr', instantBefore(lastDay + 20, 14 * 60), 'completed', 'community', 'continuous'));
  if (rng.chance(0.4)) ctx.add(request(ctx, 'amoxicillin', instantBefore(rng.int(90, 900), 11 * 60), 'completed', 'community', 'acute'));
}

/** Hospital medicines: reconciliation at admission, inpatient orders now, discharge supplies. */
export function acuteMedication(ctx: RecordContext, contacts: Encounter[]): void {
  const longTerm = longTermMedicines(ctx.plan.conditions);
  for (const enc of contacts.filter((e) => e.class.code === 'IMP')) {
    const start = enc.period?.start ?? instantBefore(30, 600);
    const encounter: Reference = { reference: `Encounter/${enc.id}` };
    longTerm.forEach((key, i) => ctx.add(statement(ctx, key, start, encounter, i % 2 === 1)));
    if (enc.status === 'in-progress') {
      for (const key of longTerm) ctx.add({ ...request(ctx, key, addMinutes(start, 180), 'active', 'inpatient', 'continuous'), encounter });
    } else if (enc.period?.end && ctx.rng.chance(0.5)) {
      const key = ctx.rng.pick(['amoxicillin', 'prednisolone'] as const);
      ctx.add({ ...request(ctx, key, enc.period.end, 'completed', 'discharge', 'acute'), encounter });
    }
  }
}

function statement(ctx: RecordContext, key: MedicineKey, asserted: string, context: Reference, viaContained: boolean): MedicationStatement {
  const med: Medication = { resourceType: 'Medication', id: 'med1', code: concept(ctx, key) };
  return {
    resourceType: 'MedicationStatement',
    id: ctx.nextId('MedicationStatement'),
    ...(viaContained ? { contained: [med], medicationReference: { reference: '#med1' } } : { medicationCodeableConcept: concept(ctx, key) }),
    status: 'active',
    category: { coding: [{ system: MEDSTATEMENT_CATEGORY, code: 'inpatient', display: 'Inpatient' }] },
    subject: ctx.subject,
    context,
    dateAsserted: asserted,
    informationSource: ctx.organisation,
    dosage: [{ text: MEDICINES[key].dose }],
    note: [{ text: 'Medicines reconciliation on admission: as per GP record' }],
  };
}

/** Mental health prescribing, each medicine a separate Medication resource. */
export function mentalHealthMedication(ctx: RecordContext): void {
  const keys: MedicineKey[] = [];
  if (ctx.plan.conditions.includes('depression')) keys.push('sertraline');
  if (ctx.plan.conditions.includes('anxiety')) keys.push('diazepam');
  for (const key of keys) {
    const med = ctx.add<Medication>({ resourceType: 'Medication', id: ctx.nextId('Medication'), code: concept(ctx, key) });
    const { medicationCodeableConcept: _omit, ...rest } = request(ctx, key, instantBefore(ctx.rng.int(30, 400), 15 * 60), key === 'diazepam' ? 'completed' : 'active', 'outpatient', key === 'diazepam' ? 'acute' : 'continuous');
    ctx.add<MedicationRequest>({ ...rest, medicationReference: { reference: `Medication/${med.id}`, display: MEDICINES[key].display } });
  }
}
