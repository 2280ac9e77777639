/**
 * FHIR R4 AllergyIntolerance to an AlertRecord. Allergies are alerts because acting
 * without them (prescribing penicillin) is the harm this record exists to prevent.
 */
import type { AllergyIntolerance } from 'fhir/r4';
import type { AlertRecord, NormaliseResult, SourceRef } from '../records';
import { ENTERED_IN_ERROR, guard } from './guard';
import { Unreadable, codesOf, conceptText, firstCode, nonEmpty, readDate } from './fhir-values';

export const NO_SUBSTANCE = 'No substance or allergy named';
/** category when AllergyIntolerance.type is absent: the source did not say which. */
export const UNSPECIFIED_ALLERGY = 'allergy or intolerance';

const SEVERITY_RANK: Record<string, number> = { mild: 1, moderate: 2, severe: 3 };

/**
 * category: AllergyIntolerance.type ('allergy' | 'intolerance'). status: clinicalStatus
 * code (active, inactive, resolved); 'refuted' when verificationStatus says the allergy
 * was ruled out, so it never reads as an active warning. severity: the highest
 * reaction.severity; criticality as sent (low, high, unable-to-assess).
 */
export function normaliseAllergy(r: AllergyIntolerance, source: SourceRef): NormaliseResult<AlertRecord> {
  return guard('AllergyIntolerance', r, source, (base) => {
    const verification = firstCode(r.verificationStatus);
    if (verification === 'entered-in-error') throw new Unreadable(ENTERED_IN_ERROR);
    const text = conceptText(r.code);
    if (!text) throw new Unreadable(NO_SUBSTANCE);
    const category = r.type === 'allergy' || r.type === 'intolerance' ? r.type : UNSPECIFIED_ALLERGY;
    const status = verification === 'refuted' ? 'refuted' : (firstCode(r.clinicalStatus) ?? 'unknown');
    const start = readDate(r.onsetDateTime, 'onsetDateTime') ?? readDate(r.recordedDate, 'recordedDate');
    const reactions = nonEmpty((r.reaction ?? []).flatMap((x) => (x?.manifestation ?? []).map(conceptText)));
    const severity = (r.reaction ?? [])
      .map((x) => x?.severity)
      .filter((s): s is NonNullable<typeof s> => typeof s === 'string' && s in SEVERITY_RANK)
      .sort((a, b) => (SEVERITY_RANK[b] ?? 0) - (SEVERITY_RANK[a] ?? 0))[0];
    const criticality = typeof r.criticality === 'string' ? r.criticality : undefined;
    const allergyCategories = nonEmpty((Array.isArray(r.category) ? r.category : []).map((c) => (typeof c === 'string' ? c : undefined)));
    return {
      ...base,
      kind: 'alert',
      resourceType: 'AllergyIntolerance',
      category,
      text,
      status,
      ...(start ? { start } : {}),
      reactions,
      ...(severity ? { severity } : {}),
      ...(criticality ? { criticality } : {}),
      codes: codesOf(r.code),
      allergyCategories,
      ...(verification ? { verification } : {}),
    };
  });
}
