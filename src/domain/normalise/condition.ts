/**
 * FHIR R4 Condition to a ConditionRecord: problems and diagnoses, the context for the
 * medicines and alerts around them.
 */
import type { Condition } from 'fhir/r4';
import type { ConditionRecord, NormaliseResult, SourceRef } from '../records';
import { ENTERED_IN_ERROR, guard } from './guard';
import { Unreadable, codesOf, conceptText, firstCode, localRef, readDate } from './fhir-values';

export const NO_CONDITION_TEXT = 'No condition named';

/**
 * text: Condition.code text, else display. clinicalStatus: its code (active, recurrence,
 * relapse, inactive, remission, resolved); 'refuted' when verificationStatus rules the
 * diagnosis out. onset: onsetDateTime, else onsetPeriod.start.
 */
export function normaliseCondition(r: Condition, source: SourceRef): NormaliseResult<ConditionRecord> {
  return guard('Condition', r, source, (base) => {
    const verification = firstCode(r.verificationStatus);
    if (verification === 'entered-in-error') throw new Unreadable(ENTERED_IN_ERROR);
    const text = conceptText(r.code);
    if (!text) throw new Unreadable(NO_CONDITION_TEXT);
    const clinicalStatus = verification === 'refuted' ? 'refuted' : (firstCode(r.clinicalStatus) ?? 'unknown');
    const onset = readDate(r.onsetDateTime, 'onsetDateTime') ?? readDate(r.onsetPeriod?.start, 'onsetPeriod.start');
    const category = (r.category ?? []).map(firstCode).find(Boolean) ?? (r.category ?? []).map(conceptText).find(Boolean);
    const recordedDate = readDate(r.recordedDate, 'recordedDate');
    const abatement = readDate(r.abatementDateTime, 'abatementDateTime') ?? readDate(r.abatementPeriod?.start, 'abatementPeriod.start');
    const encounterRef = localRef(r.encounter, 'Encounter');
    return {
      ...base, kind: 'condition', text, codes: codesOf(r.code), clinicalStatus,
      ...(onset ? { onset } : {}), ...(category ? { category } : {}), ...(recordedDate ? { recordedDate } : {}),
      ...(abatement ? { abatement } : {}), ...(encounterRef ? { encounterRef } : {}),
    };
  });
}
