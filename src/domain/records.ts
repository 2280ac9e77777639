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
  /** With `shownUnder`: who revealed or overrode, when and why, for the mark on screen. */
  shownNote?: ShownNote;
}

/** Who showed an item that policy withholds by default, when and why (domain/policy/shown-note.ts). */
export interface ShownNote {
  /** The user's name as the audit trail holds it, or "you". */
  by: string;
  /** ISO 8601 instant the reveal or override was recorded. */
  at: string;
  /** The user's own words (for an override, after the reason chosen from the list). */
  reason: string;
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
  /**
   * What kind of entry this is (clinical-rules.md, "Medicines"): a prescription (order-type
   * intent), a plan, a proposal or option (not prescribed), or a MedicationStatement.
   */
  entryKind?: MedicationEntryKind;
  /** MedicationRequest.intent as sent. */
  intent?: string;
  /** courseOfTherapyType code (continuous, acute, seasonal), for the "current" window. */
  courseCode?: string;
  /** dispenseRequest.numberOfRepeatsAllowed. */
  repeatsAllowed?: number;
  /** `Encounter/<id>` this entry was recorded in (MedicationRequest.encounter, MedicationStatement.context). */
  encounterRef?: string;
  /**
   * MedicationRequest.category from the FHIR code system (inpatient, outpatient, community,
   * discharge): where the medicine is given. An inpatient order is given on the ward, not
   * issued to the patient.
   */
  requestCategory?: string;
}

export type MedicationEntryKind = 'prescription' | 'plan' | 'proposal' | 'option' | 'statement' | 'intent-not-stated';

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
  /** Every location display, in order (location is the first). */
  locations?: string[];
  participants?: { name: string; roles: string[] }[];
  /** Encounter.diagnosis: the Condition referred to (`Condition/<id>`) and/or its display, with use and rank. */
  diagnoses?: { conditionRef?: string; display?: string; use?: string; rank?: number }[];
  /** hospitalization.dischargeDisposition in words. */
  dischargeDisposition?: string;
  /** hospitalization.admitSource in words. */
  admitSource?: string;
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
  /** Codes of Flag.code / AllergyIntolerance.code, for grouping across organisations. */
  codes?: CodeRef[];
  /** AllergyIntolerance.category (medication, food, environment, biologic). */
  allergyCategories?: string[];
  /** AllergyIntolerance.verificationStatus code (confirmed, unconfirmed, refuted…). */
  verification?: string;
}

export interface ConditionRecord extends RecordBase {
  kind: 'condition';
  text: string;
  codes: CodeRef[];
  clinicalStatus: string;
  onset?: string;
  /** Condition.category: problem-list-item, encounter-diagnosis, or another code / none. */
  category?: string;
  recordedDate?: string;
  /** abatementDateTime / abatementPeriod.start: when it resolved. */
  abatement?: string;
  /** `Encounter/<id>` this diagnosis was recorded in. */
  encounterRef?: string;
}

export type CareRecord =
  | MedicationRecord
  | EncounterRecord
  | CarePlanRecord
  | AlertRecord
  | ConditionRecord
  | ResultRecord
  | ReportRecord
  | DocumentRecord
  | InvolvementRecord;
/** A person or team involved in the patient's care, as one organisation records them. */
export interface InvolvedPerson {
  name: string;
  /** The role in words (GP, care coordinator, next of kin, carer…). */
  role: string;
  organisation?: string;
  /** Contact details as the source holds them ("phone (mobile): 07…"). */
  contact: string[];
}

export interface InvolvementRecord extends RecordBase {
  kind: 'involvement';
  resourceType: 'Patient' | 'CareTeam' | 'EpisodeOfCare' | 'RelatedPerson';
  /** What the people are part of: "Registered GP", the care team's name, the episode's type, "Family and carers". */
  context: string;
  people: InvolvedPerson[];
  status?: string;
  start?: string;
  end?: string;
}


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

// ---- Results and documents (tests and letters done elsewhere) ----

/** A measured value as sent: the number, its comparator and unit (UCUM code where given). */
export interface QuantityValue {
  kind: 'quantity';
  value: number;
  /** `<`, `<=`, `>=`, `>` as sent (a value below the limit of detection, for example). */
  comparator?: string;
  /** The unit as the source wrote it (Quantity.unit, else its code). */
  unit?: string;
  /** The UCUM code, only when Quantity.system is UCUM (http://unitsofmeasure.org). */
  ucum?: string;
}

export type ResultValue = QuantityValue | { kind: 'text'; text: string } | { kind: 'none' };

/** Observation.referenceRange[0], as sent. */
export interface ReferenceRange {
  low?: number;
  high?: number;
  /** Unit of the range's bounds (low.unit, else high.unit). */
  unit?: string;
  text?: string;
}

/**
 * How far a result lies from normal, in words (never colour alone). `source`: the lab's
 * own interpretation, or derived by the viewer from the value and reference range.
 */
export type InterpretationLevel = 'critical-high' | 'critical-low' | 'critical' | 'high' | 'low' | 'abnormal' | 'normal';

export interface Interpretation {
  level: InterpretationLevel;
  /** Plain words shown with the value: "Critical high", "Above the reference range"… */
  text: string;
  source: 'laboratory' | 'reference-range';
}

/** One Observation: a laboratory result or a vital sign. */
export interface ResultRecord extends RecordBase {
  kind: 'result';
  resourceType: 'Observation';
  /** The test name as the source wrote it (code text, else first display). */
  name: string;
  codes: CodeRef[];
  status: string;
  /** laboratory, vital-signs… (Observation.category code), if any. */
  category?: string;
  value: ResultValue;
  referenceRange?: ReferenceRange;
  interpretation?: Interpretation;
  /** effectiveDateTime, effectivePeriod.start, effectiveInstant, else issued. */
  date?: string;
  /** Who performed it (performer display), e.g. the laboratory. */
  performer?: string;
  note?: string;
}

/** A DiagnosticReport: its results (as references), conclusion and presented form. */
export interface ReportRecord extends RecordBase {
  kind: 'report';
  resourceType: 'DiagnosticReport';
  name: string;
  codes: CodeRef[];
  status: string;
  category?: string;
  date?: string;
  conclusion?: string;
  /** Keys (`endpoint/Observation/id`) of the report's results. */
  resultKeys: string[];
  /** presentedForm text that came inline as text/plain; other forms are listed, not read. */
  presentedText?: string;
  presentedForms: AttachmentRef[];
  performer?: string;
  /**
   * Resources whose security labels govern this record too (the report's results):
   * a report about a labelled result is withheld with it (domain/policy/record-sensitivity.ts).
   */
  governedWith: unknown[];
  /** Results the report names that were not among what the server returned: their labels are unknown. */
  unresolvedResults: number;
}

/** An attachment as listed: where its content is, what type, how large. Never its content. */
export interface AttachmentRef {
  contentType?: string;
  /** attachment.url as sent (often `Binary/<id>`), if any. */
  url?: string;
  /** Content sent inline (attachment.data, base64), not yet decoded. */
  data?: string;
  title?: string;
  /** attachment.size in bytes, if sent. */
  size?: number;
}

/** A DocumentReference (or Composition): a letter, discharge summary or report as a document. */
export interface DocumentRecord extends RecordBase {
  kind: 'document';
  resourceType: 'DocumentReference' | 'Composition';
  /** description, else type text, else the attachment title. */
  title: string;
  type?: string;
  category?: string;
  /** DocumentReference.date, else context.period.start, else attachment.creation. */
  date?: string;
  /** The author organisation: custodian, else an author's display. */
  authorOrganisation?: string;
  author?: string;
  /** current, superseded (DocumentReference.status); Composition status. */
  status: string;
  /** preliminary, final, amended (docStatus), if sent. */
  docStatus?: string;
  attachments: AttachmentRef[];
}
