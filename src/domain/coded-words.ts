/**
 * Codes in words. A coded value is shown as the source's own words (the coding's display,
 * else the concept's text); only when the source sent neither does the viewer use this
 * small built-in table of the common FHIR R4 value sets; and a code in none of them is
 * still never shown bare: it reads "not a known code (…)", so nobody mistakes a system
 * code for clinical wording. docs/clinical-rules.md, "Codes in words".
 */
import type { CodeableConcept, Coding } from 'fhir/r4';

export type ValueSetName =
  | 'encounter-class'
  | 'encounter-status'
  | 'medication-status'
  | 'medication-intent'
  | 'allergy-clinical'
  | 'allergy-verification'
  | 'allergy-criticality'
  | 'reaction-severity'
  | 'condition-clinical'
  | 'condition-category'
  | 'flag-status'
  | 'care-plan-status'
  | 'participant-type'
  | 'discharge-disposition'
  | 'admit-source'
  | 'related-person-relationship'
  | 'episode-status'
  | 'care-team-status'
  | 'course-of-therapy'
  | 'observation-status'
  | 'report-status'
  | 'document-status'
  | 'composition-status';

/** FHIR R4 value sets (hl7.org/fhir/R4/terminologies-valuesets.html), displays in plain British English. */
export const VALUE_SET_WORDS: Record<ValueSetName, Record<string, string>> = {
  // v3 ActCode (http://terminology.hl7.org/CodeSystem/v3-ActCode), R4 Encounter.class.
  'encounter-class': {
    AMB: 'Outpatient or clinic (ambulatory)', EMER: 'Emergency', IMP: 'Inpatient', ACUTE: 'Inpatient (acute)', NONAC: 'Inpatient (non-acute)',
    HH: 'Home visit', VR: 'Virtual (telephone or video)', FLD: 'Field (at the scene)', SS: 'Short stay', OBSENC: 'Observation', PRENC: 'Pre-admission',
  },
  'encounter-status': {
    planned: 'Planned', arrived: 'Arrived', triaged: 'Triaged', 'in-progress': 'In progress', onleave: 'On leave', finished: 'Finished',
    cancelled: 'Cancelled', 'entered-in-error': 'Entered in error', unknown: 'Status not known',
  },
  'medication-status': {
    active: 'Active', 'on-hold': 'On hold', cancelled: 'Cancelled', completed: 'Completed', 'entered-in-error': 'Entered in error',
    stopped: 'Stopped', draft: 'Draft', unknown: 'Status not known', intended: 'Intended', 'not-taken': 'Not taken',
  },
  'medication-intent': {
    proposal: 'Proposal (not prescribed)', plan: 'Plan', order: 'Prescription', 'original-order': 'Prescription (original order)',
    'reflex-order': 'Prescription (reflex order)', 'filler-order': 'Prescription (filler order)', 'instance-order': 'Prescription (single administration)',
    option: 'Option considered (not prescribed)',
  },
  'allergy-clinical': { active: 'Active', inactive: 'Inactive', resolved: 'Resolved' },
  'allergy-verification': { unconfirmed: 'Unconfirmed', confirmed: 'Confirmed', refuted: 'Ruled out (refuted)', 'entered-in-error': 'Entered in error' },
  'allergy-criticality': { low: 'Low risk', high: 'High risk', 'unable-to-assess': 'Risk not assessable' },
  'reaction-severity': { mild: 'Mild', moderate: 'Moderate', severe: 'Severe' },
  'condition-clinical': {
    active: 'Active', recurrence: 'Recurrence', relapse: 'Relapse', inactive: 'Inactive', remission: 'In remission', resolved: 'Resolved',
    refuted: 'Ruled out (refuted)', unknown: 'Status not known',
  },
  'condition-category': { 'problem-list-item': 'Problem list', 'encounter-diagnosis': 'Diagnosis at a contact' },
  'flag-status': { active: 'Active', inactive: 'Inactive', 'entered-in-error': 'Entered in error', unknown: 'Status not known' },
  'care-plan-status': {
    draft: 'Draft', active: 'Active', 'on-hold': 'On hold', revoked: 'Revoked', completed: 'Completed', 'entered-in-error': 'Entered in error', unknown: 'Status not known',
  },
  // v3 ParticipationType (http://terminology.hl7.org/CodeSystem/v3-ParticipationType).
  'participant-type': {
    ADM: 'Admitting clinician', ATND: 'Attending clinician', CALLBCK: 'Call-back contact', CON: 'Consultant', DIS: 'Discharging clinician',
    ESC: 'Escort', REF: 'Referrer', SPRF: 'Secondary performer', PPRF: 'Primary performer', PART: 'Participant', translator: 'Translator', emergency: 'Emergency contact',
  },
  // http://terminology.hl7.org/CodeSystem/discharge-disposition
  'discharge-disposition': {
    home: 'Home', 'alt-home': 'Alternative home', 'other-hcf': 'Other healthcare facility', hosp: 'Hospice', 'long': 'Long-term care',
    aadvice: 'Left against advice', exp: 'Died', psy: 'Psychiatric hospital', rehab: 'Rehabilitation', snf: 'Skilled nursing facility', oth: 'Other',
  },
  // http://terminology.hl7.org/CodeSystem/admit-source
  'admit-source': {
    'hosp-trans': 'Transferred from another hospital', emd: 'From the emergency department', outp: 'From outpatients', born: 'Born in hospital',
    gp: 'General practitioner referral', mp: 'Medical practitioner referral', nursing: 'From a nursing home', psych: 'From a psychiatric hospital',
    rehab: 'From a rehabilitation facility', other: 'Other',
  },
  // v3 RoleCode (personal relationships) and v2 0131 contact roles, as UK Core RelatedPerson uses them.
  'related-person-relationship': {
    NOK: 'Next of kin', N: 'Next of kin', C: 'Emergency contact', CAREGIVER: 'Carer', E: 'Employer', U: 'Unknown', SPS: 'Spouse', HUSB: 'Husband',
    WIFE: 'Wife', DAU: 'Daughter', SON: 'Son', CHILD: 'Child', SIB: 'Sibling', PRN: 'Parent', FRND: 'Friend', NBOR: 'Neighbour', DOMPART: 'Domestic partner',
    GRNDCHILD: 'Grandchild', NIECE: 'Niece', NEPHEW: 'Nephew',
  },
  'episode-status': { planned: 'Planned', waitlist: 'On the waiting list', active: 'Active', onhold: 'On hold', finished: 'Finished', cancelled: 'Cancelled', 'entered-in-error': 'Entered in error' },
  'care-team-status': { proposed: 'Proposed', active: 'Active', suspended: 'Suspended', inactive: 'Inactive', 'entered-in-error': 'Entered in error' },
  // http://terminology.hl7.org/CodeSystem/medicationrequest-course-of-therapy
  'course-of-therapy': { continuous: 'Continuous long term therapy', acute: 'Short course (acute) therapy', seasonal: 'Seasonal' },
  // R4 Observation.status (observation-status).
  'observation-status': {
    registered: 'Registered (no result yet)', preliminary: 'Preliminary', final: 'Final', amended: 'Amended', corrected: 'Corrected',
    cancelled: 'Cancelled', 'entered-in-error': 'Entered in error', unknown: 'Status not known',
  },
  // R4 DiagnosticReport.status (diagnostic-report-status).
  'report-status': {
    registered: 'Registered (no result yet)', partial: 'Partial (some results to come)', preliminary: 'Preliminary', final: 'Final',
    amended: 'Amended', corrected: 'Corrected', appended: 'Appended (added to since issued)', cancelled: 'Cancelled',
    'entered-in-error': 'Entered in error', unknown: 'Status not known',
  },
  // R4 DocumentReference.status (document-reference-status): whether this is the version in use.
  'document-status': { current: 'Current', superseded: 'Superseded (a newer version exists)', 'entered-in-error': 'Entered in error' },
  // R4 DocumentReference.docStatus (composition-status): how finished the document itself is.
  'composition-status': { preliminary: 'Preliminary (draft)', final: 'Final', amended: 'Amended', 'entered-in-error': 'Entered in error' },
};

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** The words for a bare code (an R4 `code` element, such as Encounter.status): the table, else "not a known code". */
export function codeWords(valueSet: ValueSetName, code: string | undefined): string | undefined {
  const c = str(code);
  if (c === undefined) return undefined;
  return VALUE_SET_WORDS[valueSet][c] ?? notKnown(c);
}

/** A code that no table knows and no display explains: said so, in words. */
export function notKnown(code: string): string {
  return `not a known code (“${code.length > 30 ? `${code.slice(0, 30)}…` : code}”)`;
}

/** A Coding in words: its display, else the table for its code, else "not a known code". */
export function codingWords(valueSet: ValueSetName, coding: Coding | undefined): string | undefined {
  return str(coding?.display) ?? codeWords(valueSet, coding?.code);
}

/**
 * A CodeableConcept in words: the first coding display, else the text, else the table
 * for the first code, else "not a known code"; undefined only when nothing was sent.
 */
export function conceptWords(valueSet: ValueSetName, cc: CodeableConcept | undefined): string | undefined {
  const display = (cc?.coding ?? []).map((c) => str(c?.display)).find(Boolean);
  if (display) return display;
  const text = str(cc?.text);
  if (text) return text;
  const code = (cc?.coding ?? []).map((c) => str(c?.code)).find(Boolean);
  return codeWords(valueSet, code);
}
