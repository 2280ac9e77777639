/**
 * FHIR R4 Flag to an AlertRecord: safeguarding, falls risk, reasonable adjustments,
 * DNACPR decisions — the warnings a clinician must see before acting.
 */
import type { Flag } from 'fhir/r4';
import type { AlertRecord, NormaliseResult, SourceRef } from '../records';
import { ENTERED_IN_ERROR, guard } from './guard';
import { Unreadable, codesOf, conceptDisplay, conceptText, readDate } from './fhir-values';

export const NO_ALERT_TEXT = 'No alert text';

/**
 * category: the first category's coding display (HL7 flag-category: "Safety",
 * "Clinical"…), else its text; 'Alert' when none. text: Flag.code text, else display;
 * a flag that says nothing cannot be shown as a warning, so it is unreadable.
 */
export function normaliseFlag(r: Flag, source: SourceRef): NormaliseResult<AlertRecord> {
  return guard('Flag', r, source, (base) => {
    const status = typeof r.status === 'string' && r.status ? r.status : 'unknown';
    if (status === 'entered-in-error') throw new Unreadable(ENTERED_IN_ERROR);
    const text = conceptText(r.code);
    if (!text) throw new Unreadable(NO_ALERT_TEXT);
    const category = (r.category ?? []).map(conceptDisplay).find(Boolean) ?? 'Alert';
    const start = readDate(r.period?.start, 'period.start');
    return { ...base, kind: 'alert', resourceType: 'Flag', category, text, status, ...(start ? { start } : {}), codes: codesOf(r.code) };
  });
}
