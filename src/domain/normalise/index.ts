/**
 * Everything one endpoint returned for the matched patient, as typed records. The
 * subject check is a second line of defence after patient matching: a server that
 * returns someone else's resource (a search parameter it ignored, a bug) must not put
 * that person's data in front of the clinician. Such resources are dropped and only
 * counted (never shown, not even as "unreadable", since they are not this patient's).
 */
import type { FhirResource, Medication, Observation, Reference } from 'fhir/r4';
import type { CareRecord, NormaliseResult, SourceRef, UnreadableRecord } from '../records';
import { normaliseAllergy } from './allergy';
import { normaliseCarePlan } from './care-plan';
import { normaliseCondition } from './condition';
import { normaliseEncounter } from './encounter';
import { normaliseFlag } from './flag';
import { normaliseCareTeam, normaliseEpisodeOfCare, normalisePatientGp, normaliseRelatedPerson } from './involvement';
import { normaliseMedicationRequest } from './medication-request';
import { normaliseMedicationStatement } from './medication-statement';
import { normaliseObservation } from './observation';
import { normaliseDiagnosticReport } from './diagnostic-report';
import { normaliseComposition, normaliseDocumentReference } from './document-reference';

export { normaliseAllergy, normaliseCarePlan, normaliseCondition, normaliseEncounter, normaliseFlag };
export { normaliseMedicationRequest, normaliseMedicationStatement };
export { normaliseComposition, normaliseDiagnosticReport, normaliseDocumentReference, normaliseObservation };
export { normaliseCareTeam, normaliseEpisodeOfCare, normalisePatientGp, normaliseRelatedPerson };

export interface NormaliseContext {
  source: SourceRef;
  /** Patient.id of the matched patient at this endpoint. */
  patientId: string;
  /** The endpoint's FHIR base, for absolute references (`https://x/fhir/Patient/1`). */
  baseUrl?: string;
  /**
   * The matched Patient at this endpoint: its security labels govern every record of the
   * source (a Patient labelled R or V makes the whole source restricted or withheld).
   */
  patient?: unknown;
}

export interface NormalisedResources {
  records: CareRecord[];
  unreadable: UnreadableRecord[];
  /** Resources about someone else: the source's error, dropped. */
  wrongSubject: number;
}

type Normaliser = (r: never, source: SourceRef, medications: Map<string, Medication>, observations: Map<string, Observation>) => NormaliseResult;

/** The record types and the element that names their patient (R4: `patient` on AllergyIntolerance). */
const NORMALISERS: Record<string, { subject: 'subject' | 'patient' | 'self'; normalise: Normaliser }> = {
  MedicationRequest: { subject: 'subject', normalise: normaliseMedicationRequest },
  MedicationStatement: { subject: 'subject', normalise: normaliseMedicationStatement },
  Encounter: { subject: 'subject', normalise: normaliseEncounter },
  CarePlan: { subject: 'subject', normalise: normaliseCarePlan },
  Flag: { subject: 'subject', normalise: normaliseFlag },
  AllergyIntolerance: { subject: 'patient', normalise: normaliseAllergy },
  Condition: { subject: 'subject', normalise: normaliseCondition },
  Observation: { subject: 'subject', normalise: normaliseObservation },
  DiagnosticReport: { subject: 'subject', normalise: (r, source, _m, observations) => normaliseDiagnosticReport(r, source, observations) },
  DocumentReference: { subject: 'subject', normalise: normaliseDocumentReference },
  Composition: { subject: 'subject', normalise: normaliseComposition },
  // Who is involved: the matched Patient itself (its generalPractitioner), care teams, episodes, family and carers.
  Patient: { subject: 'self', normalise: normalisePatientGp },
  CareTeam: { subject: 'subject', normalise: normaliseCareTeam },
  EpisodeOfCare: { subject: 'patient', normalise: normaliseEpisodeOfCare },
  RelatedPerson: { subject: 'patient', normalise: normaliseRelatedPerson },
};

const trimSlash = (s: string) => s.replace(/\/+$/, '');

/** `Patient/<id>`, or the same on the endpoint's base; a version suffix (`/_history/2`) is allowed. */
function isPatient(ref: Reference | undefined, ctx: NormaliseContext): boolean {
  const raw = typeof ref?.reference === 'string' ? ref.reference.replace(/\/_history\/[^/]+$/, '') : undefined;
  if (!raw) return false;
  const relative = `Patient/${ctx.patientId}`;
  return raw === relative || (ctx.baseUrl !== undefined && raw === `${trimSlash(ctx.baseUrl)}/${relative}`);
}

/** Medications among the included resources, by every way a reference may name them. */
function medicationIndex(resources: unknown[], baseUrl?: string): Map<string, Medication> {
  const index = new Map<string, Medication>();
  for (const r of resources) {
    const m = r as Medication | null;
    if (m?.resourceType !== 'Medication' || typeof m.id !== 'string' || !m.id) continue;
    index.set(`Medication/${m.id}`, m);
    if (baseUrl) index.set(`${trimSlash(baseUrl)}/Medication/${m.id}`, m);
  }
  return index;
}

/** Observations among the resources, by `Observation/<id>`: a report's results, for its governance. */
function observationIndex(resources: unknown[]): Map<string, Observation> {
  const index = new Map<string, Observation>();
  for (const r of resources) {
    const o = r as Observation | null;
    if (o?.resourceType === 'Observation' && typeof o.id === 'string' && o.id) index.set(`Observation/${o.id}`, o);
  }
  return index;
}

/**
 * Records read ahead from part of a source's answer (its first pages, while the rest is
 * fetched), by the resource object each came from: normaliseResources takes a resource's
 * record from here instead of reading it again, when the memo was made for the same
 * source. Only what a resource says of itself is read ahead; everything that depends on
 * the whole answer or on the matched patient (the subject check, the Patient's labels,
 * de-duplication, medicines named by included Medications, a report's results) is done by
 * normaliseResources over the whole answer, as without a memo.
 */
export interface NormaliseMemo {
  readonly source: SourceRef;
  readonly records: WeakMap<object, NormaliseResult>;
}

/** Types whose record depends on other resources of the answer: never read ahead. */
const NEEDS_THE_WHOLE_ANSWER = new Set(['MedicationRequest', 'MedicationStatement', 'DiagnosticReport']);
const NO_MEDICATIONS: Map<string, Medication> = new Map();
const NO_OBSERVATIONS: Map<string, Observation> = new Map();

/** Reads ahead every resource that stands on its own (see NormaliseMemo). Never throws. */
export function prenormalise(resources: readonly unknown[], source: SourceRef): NormaliseMemo {
  const records = new WeakMap<object, NormaliseResult>();
  for (const raw of resources) {
    if (typeof raw !== 'object' || raw === null) continue;
    const resourceType = (raw as { resourceType?: unknown }).resourceType;
    if (typeof resourceType !== 'string' || NEEDS_THE_WHOLE_ANSWER.has(resourceType)) continue;
    const entry = NORMALISERS[resourceType];
    if (!entry) continue;
    try {
      records.set(raw, entry.normalise(raw as never, source, NO_MEDICATIONS, NO_OBSERVATIONS));
    } catch {
      // Read again, and reported, with the whole answer.
    }
  }
  return { source, records };
}

const sameSource = (a: SourceRef, b: SourceRef) => a.endpointId === b.endpointId && a.organisationName === b.organisationName && a.odsCode === b.odsCode;

/**
 * Never throws. Types that are not records (Medication, Organization, Practitioner,
 * OperationOutcome…) are skipped. A key seen twice (the same resource on two pages)
 * is kept once, first come. `ahead`: records read ahead for this source (prenormalise).
 */
export function normaliseResources(resources: FhirResource[], ctx: NormaliseContext, ahead?: NormaliseMemo): NormalisedResources {
  const out: NormalisedResources = { records: [], unreadable: [], wrongSubject: 0 };
  const list: unknown[] = Array.isArray(resources) ? resources : [];
  const medications = medicationIndex(list, ctx.baseUrl);
  const observations = observationIndex(list);
  const readAhead = ahead && sameSource(ahead.source, ctx.source) ? ahead.records : undefined;
  const seen = new Set<string>();
  list.forEach((raw, i) => {
    const resourceType = (raw as { resourceType?: unknown } | null)?.resourceType;
    if (typeof resourceType !== 'string') {
      out.unreadable.push({ key: `${ctx.source.endpointId}/(unknown)/#${i}`, source: ctx.source, resourceType: 'unknown', problem: 'Not a FHIR resource' });
      return;
    }
    const entry = NORMALISERS[resourceType];
    if (!entry) return;
    // A Patient matters here only for its registered GP; without one it is no record.
    if (resourceType === 'Patient' && !((raw as { generalPractitioner?: unknown[] }).generalPractitioner?.length)) return;
    try {
      const self = entry.subject === 'self';
      if (self ? (raw as { id?: unknown }).id !== ctx.patientId : !isPatient((raw as Record<string, Reference | undefined>)[entry.subject], ctx)) {
        // A Patient that is not the matched one (a search that returned others) is not this person's: dropped like any other.
        out.wrongSubject++;
        return;
      }
      const result = readAhead?.get(raw as object) ?? entry.normalise(raw as never, ctx.source, medications, observations);
      if (result.ok) {
        if (seen.has(result.record.key)) return;
        seen.add(result.record.key);
        out.records.push(ctx.patient === undefined ? result.record : { ...result.record, governedBy: [...(result.record.governedBy ?? []), ctx.patient] });
      } else {
        const u = result.unreadable;
        out.unreadable.push(u.key.endsWith('/(no id)') ? { ...u, key: `${u.key} #${i}` } : u);
      }
    } catch {
      out.unreadable.push({ key: `${ctx.source.endpointId}/${resourceType}/#${i}`, source: ctx.source, resourceType, problem: 'Could not be read' });
    }
  });
  return out;
}
