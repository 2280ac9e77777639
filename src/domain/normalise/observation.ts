/**
 * FHIR R4 Observation (laboratory results, vital signs) to a ResultRecord. The value is
 * kept as sent, unit included: a conversion between units happens only through UCUM and
 * is labelled as such (domain/results/trend.ts), never here.
 */
import type { Observation, ObservationReferenceRange, Quantity } from 'fhir/r4';
import type { NormaliseResult, QuantityValue, ReferenceRange, ResultRecord, ResultValue, SourceRef } from '../records';
import { interpret } from '../results/interpretation';
import { ENTERED_IN_ERROR, guard } from './guard';
import { Unreadable, codesOf, conceptText, firstCode, quote, readDate, referenceDisplay } from './fhir-values';

export const NO_TEST_NAME = 'No test named';
export const UCUM = 'http://unitsofmeasure.org';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** A number a server sent; anything else (a string "5.2", NaN) is not read as a number. */
function num(v: unknown, element: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Unreadable(`The number in ${element} is not a number: ${quote(v)}`);
  return v;
}

export function quantity(q: Quantity | undefined, element: string): QuantityValue | undefined {
  if (!q) return undefined;
  const value = num(q.value, `${element}.value`);
  if (value === undefined) return undefined;
  const unit = str(q.unit) ?? str(q.code);
  const ucum = q.system === UCUM ? str(q.code) : undefined;
  const comparator = str(q.comparator);
  return { kind: 'quantity', value, ...(comparator ? { comparator } : {}), ...(unit ? { unit } : {}), ...(ucum ? { ucum } : {}) };
}

function quantityText(q: QuantityValue): string {
  return `${q.comparator ?? ''}${q.value}${q.unit ? ` ${q.unit}` : ''}`;
}

function valueOf(o: { valueQuantity?: Quantity; valueString?: string; valueCodeableConcept?: Observation['valueCodeableConcept']; valueInteger?: number; valueBoolean?: boolean; dataAbsentReason?: Observation['dataAbsentReason'] }, element: string): ResultValue {
  const q = quantity(o.valueQuantity, `${element}valueQuantity`);
  if (q) return q;
  const integer = num(o.valueInteger, `${element}valueInteger`);
  if (integer !== undefined) return { kind: 'quantity', value: integer };
  const text = str(o.valueString) ?? conceptText(o.valueCodeableConcept);
  if (text) return { kind: 'text', text };
  if (typeof o.valueBoolean === 'boolean') return { kind: 'text', text: o.valueBoolean ? 'Yes' : 'No' };
  const absent = conceptText(o.dataAbsentReason);
  if (absent) return { kind: 'text', text: `No value: ${absent}` };
  return { kind: 'none' };
}

/** Components (blood pressure's systolic and diastolic) as one line of text. */
function componentsText(o: Observation): string | undefined {
  const parts = (o.component ?? []).flatMap((c, i) => {
    const name = conceptText(c.code) ?? 'Part';
    const v = valueOf(c, `component[${i}].`);
    if (v.kind === 'none') return [];
    return [`${name} ${v.kind === 'quantity' ? quantityText(v) : v.text}`];
  });
  return parts.length > 0 ? parts.join('; ') : undefined;
}

function range(r: ObservationReferenceRange | undefined): ReferenceRange | undefined {
  if (!r) return undefined;
  const low = num(r.low?.value, 'referenceRange.low.value');
  const high = num(r.high?.value, 'referenceRange.high.value');
  const unit = str(r.low?.unit) ?? str(r.high?.unit) ?? str(r.low?.code) ?? str(r.high?.code);
  const text = str(r.text);
  if (low === undefined && high === undefined && !text) return undefined;
  return { ...(low !== undefined ? { low } : {}), ...(high !== undefined ? { high } : {}), ...(unit ? { unit } : {}), ...(text ? { text } : {}) };
}

/**
 * name: code text, else display. value: valueQuantity (unit as sent, UCUM code when the
 * system is UCUM), integer, string, coded, boolean, or components as text; a value the
 * server says is absent says why. date: effective[x], else issued. An entered-in-error
 * result is reported as unreadable, never shown as a value.
 */
export function normaliseObservation(r: Observation, source: SourceRef): NormaliseResult<ResultRecord> {
  return guard('Observation', r, source, (base) => {
    const status = str(r.status) ?? 'unknown';
    if (status === 'entered-in-error') throw new Unreadable(ENTERED_IN_ERROR);
    const name = conceptText(r.code);
    if (!name) throw new Unreadable(NO_TEST_NAME);
    let value = valueOf(r, '');
    const parts = value.kind === 'none' ? componentsText(r) : undefined;
    if (parts) value = { kind: 'text', text: parts };
    const referenceRange = range(r.referenceRange?.[0]);
    const interpretation = interpret(r.interpretation, value.kind === 'quantity' ? value : undefined, referenceRange);
    const date =
      readDate(r.effectiveDateTime, 'effectiveDateTime') ??
      readDate(r.effectivePeriod?.start, 'effectivePeriod.start') ??
      readDate(r.effectiveInstant, 'effectiveInstant') ??
      readDate(r.issued, 'issued');
    const category = (r.category ?? []).map((c) => firstCode(c)).find(Boolean);
    const performer = (r.performer ?? []).map(referenceDisplay).find(Boolean);
    const note = (r.note ?? []).map((n) => str(n?.text)).filter(Boolean).join(' ');
    return {
      ...base,
      kind: 'result',
      resourceType: 'Observation',
      name,
      codes: codesOf(r.code),
      status,
      value,
      ...(category ? { category } : {}),
      ...(referenceRange ? { referenceRange } : {}),
      ...(interpretation ? { interpretation } : {}),
      ...(date ? { date } : {}),
      ...(performer ? { performer } : {}),
      ...(note ? { note } : {}),
    };
  });
}

export { quantityText };
