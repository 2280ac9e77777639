/**
 * The typed clinical records the viewer shows, normalised from FHIR R4 resources of many
 * organisations. Every record keeps where it came from and the original resource (for
 * the detail view): provenance is never dropped, even when records are merged.
 * Pure types: no React, no fetch.
 */
import type { FhirResource } from 'fhir/r4';

/** Which organisation's endpoint a record came from. */
export interface SourceRef {
  endpointId: string;
  organisationName: string;
  odsCode: string;
}

export interface CodeRef {
  system: string;
  code: string;
  display?: string;
}

interface RecordBase {
  /** `${endpointId}/${resourceType}/${id}`: unique across sources. */
  key: string;
  source: SourceRef;
  /** meta.lastUpdated as sent (ISO 8601), if any. */
  lastUpdated?: string;
  original: FhirResource;
  /**
   * Other resources whose security labels govern this record as much as its own: the
   * Medication a medicine's name was resolved from (`_include`d or at another reference)
   * and the source's matched Patient. The strictest label over these, the record and its
   * contained resources classifies it (domain/policy/record-sensitivity.ts).
   */
  governedBy?: unknown[];
  /**
   * Set when the item is on screen only because the user acted: `override` (a patient's
   * objection overridden in an emergency) or `reveal` (a restricted item revealed with a
   * reason). Such items are always marked as such (docs/access-policy.md).
   */
  shownUnder?: 'override' | 'reveal';
}

export type MedicationStatusGroup = 'current' | 'past' | 'unknown';

export interface MedicationRecord extends RecordBase {
  kind: 'medication';
  resourceType: 'MedicationRequest' | 'MedicationStatement';
  /** Medicine name as the source wrote it (coding display or text). */
  name: string;
  /** dm+d / SNOMED CT codes (dm+d concept ids may come under http://snomed.info/sct). */
  codes: CodeRef[];
  /** FHIR status as sent (active, completed, stopped, on-hold, …). */
  status: string;
  statusGroup: MedicationStatusGroup;
  /** Dosage instruction text, if any. */
  dose?: string;
  /** authoredOn / effective start / dateAsserted: the date the source gives. */
  date?: string;
  /** End of the period where known (effectivePeriod.end, dispense validity end). */
  endDate?: string;
  courseOfTherapy?: string;
}

export interface EncounterRecord extends RecordBase {
  kind: 'encounter';
  /** Type display or text, else class display. */
  type: string;
  /** v3 ActCode class code (AMB, EMER, IMP, HH, VR…), if any. */
  classCode?: string;
  status: string;
  start?: string;
  end?: string;
  reason?: string;
  location?: string;
  /** Encounter.serviceProvider display: the department or organisation that ran it, if sent. */
  serviceProvider?: string;
}

export interface CarePlanRecord extends RecordBase {
  kind: 'care-plan';
  title: string;
  status: string;
  category?: string;
  start?: string;
  end?: string;
  activities: string[];
  careTeam: string[];
}

export interface AlertRecord extends RecordBase {
  kind: 'alert';
  resourceType: 'Flag' | 'AllergyIntolerance';
  /** Flag: category (safeguarding, falls risk…); allergy: 'allergy' | 'intolerance'. */
  category: string;
  text: string;
  status: string;
  start?: string;
  /** AllergyIntolerance only. */
  reactions?: string[];
  severity?: string;
  criticality?: string;
}

export interface ConditionRecord extends RecordBase {
  kind: 'condition';
  text: string;
  codes: CodeRef[];
  clinicalStatus: string;
  onset?: string;
}

export type CareRecord = MedicationRecord | EncounterRecord | CarePlanRecord | AlertRecord | ConditionRecord;

/** A resource the viewer could not read: reported, never shown as fact. */
export interface UnreadableRecord {
  key: string;
  source: SourceRef;
  resourceType: string;
  problem: string;
}

export type NormaliseResult<T extends CareRecord = CareRecord> =
  | { ok: true; record: T }
  | { ok: false; unreadable: UnreadableRecord };
