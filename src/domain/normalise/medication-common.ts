/**
 * What MedicationRequest and MedicationStatement share: the medicine's name and codes
 * (inline, or through a contained or separate Medication), the status group and the
 * dosage text. dm+d (https://dmd.nhs.uk) is the NHS medicines dictionary; its concept ids
 * are SNOMED CT ids and many feeds send them under http://snomed.info/sct, so both count.
 */
import type { CodeableConcept, Dosage, Medication, Reference, Resource } from 'fhir/r4';
import type { CodeRef, MedicationEntryKind, MedicationStatusGroup } from '../records';
import { ENTERED_IN_ERROR } from './guard';
import { Unreadable, codesOf, nonEmpty, referenceDisplay } from './fhir-values';

export const DMD_SYSTEM = 'https://dmd.nhs.uk';
export const SNOMED_SYSTEM = 'http://snomed.info/sct';
export const NO_MEDICINE_NAME = 'No medicine name';

const MEDICINE_SYSTEMS = [DMD_SYSTEM, SNOMED_SYSTEM];

/** Name: a dm+d display, else a SNOMED CT display, else the text, else any display. */
function conceptName(cc: CodeableConcept | undefined): string | undefined {
  const display = (system?: string) =>
    (cc?.coding ?? []).filter((c) => system === undefined || c?.system === system).map((c) => c?.display?.trim()).find(Boolean);
  return display(DMD_SYSTEM) ?? display(SNOMED_SYSTEM) ?? (cc?.text?.trim() || undefined) ?? display();
}

const medicineCodes = (cc: CodeableConcept | undefined): CodeRef[] => codesOf(cc).filter((c) => MEDICINE_SYSTEMS.includes(c.system));

interface MedicationSource extends Resource {
  medicationCodeableConcept?: CodeableConcept;
  medicationReference?: Reference;
  contained?: Resource[];
}

/**
 * The medicine named by medication[x]. A reference is resolved from `contained` (`#id`),
 * then from `medications`, keyed by the reference as written (`Medication/12`, an
 * absolute URL, a bundle's `urn:uuid:`), then falls back to Reference.display.
 */
export function medicineOf(r: MedicationSource, medications?: Map<string, Medication>): { name: string; codes: CodeRef[]; medication?: Medication } {
  let concept = r.medicationCodeableConcept;
  const ref = r.medicationReference;
  let target: Medication | undefined;
  if (!concept && ref?.reference) {
    if (typeof ref.reference !== 'string') throw new Unreadable('medicationReference.reference is not text');
    const contained: unknown = r.contained ?? [];
    if (!Array.isArray(contained)) throw new Unreadable('contained is not a list');
    target = ref.reference.startsWith('#')
      ? (contained as Resource[]).find((c): c is Medication => c?.resourceType === 'Medication' && `#${c.id}` === ref.reference)
      : medications?.get(ref.reference);
    concept = target?.code;
  }
  const name = conceptName(concept) ?? referenceDisplay(ref);
  if (!name) throw new Unreadable(NO_MEDICINE_NAME);
  return { name, codes: medicineCodes(concept), ...(target ? { medication: target } : {}) };
}

const CURRENT = new Set(['active', 'on-hold', 'draft', 'intended']);
const PAST = new Set(['completed', 'stopped', 'cancelled', 'not-taken']);

/**
 * FHIR R4 MedicationRequest.status / MedicationStatement.status to current, past or
 * unknown. `entered-in-error` means the source withdrew the entry: it is never shown.
 */
export function statusGroupOf(status: string): MedicationStatusGroup {
  if (status === 'entered-in-error') throw new Unreadable(ENTERED_IN_ERROR);
  if (CURRENT.has(status)) return 'current';
  if (PAST.has(status)) return 'past';
  return 'unknown';
}

export function statusOf(r: { status?: unknown }): string {
  return typeof r.status === 'string' && r.status.trim() !== '' ? r.status.trim() : 'unknown';
}

/** Dosage.text for each dosage, else its patientInstruction, joined. */
export function doseOf(dosages: Dosage[] | undefined): string | undefined {
  const parts = nonEmpty((dosages ?? []).map((d) => d?.text?.trim() || d?.patientInstruction?.trim() || undefined));
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/** FHIR R4 request-intent codes that make a MedicationRequest a prescription (an order to supply or give). */
export const ORDER_INTENTS: ReadonlySet<string> = new Set(['order', 'original-order', 'reflex-order', 'filler-order', 'instance-order']);

/**
 * The clinical-rules.md "intent" rule: order-type intents are prescriptions; plan,
 * proposal and option keep their meaning (never shown as something prescribed); a
 * request that does not state its intent (R4 requires one) is said to be so.
 */
export function entryKindOf(intent: string | undefined): MedicationEntryKind {
  if (intent === undefined) return 'intent-not-stated';
  if (ORDER_INTENTS.has(intent)) return 'prescription';
  if (intent === 'plan' || intent === 'proposal' || intent === 'option') return intent;
  return 'intent-not-stated';
}
