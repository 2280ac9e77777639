/**
 * FHIR R4 CarePlan to a CarePlanRecord: clinical plans (diabetes, falls, discharge,
 * Care Programme Approach) and social care's care and support plan under the Care Act 2014.
 */
import type { CarePlan } from 'fhir/r4';
import type { CarePlanRecord, NormaliseResult, SourceRef } from '../records';
import { ENTERED_IN_ERROR, guard } from './guard';
import { Unreadable, conceptText, nonEmpty, readDate, referenceDisplay } from './fhir-values';

export const UNTITLED_PLAN = 'Care plan (no title)';

/**
 * title: CarePlan.title, else description, else the first category's text. Activities:
 * activity.detail.description, else detail.code, else the referenced request's display.
 * Care team: careTeam displays and contributor displays (who holds the plan), once each.
 */
export function normaliseCarePlan(r: CarePlan, source: SourceRef): NormaliseResult<CarePlanRecord> {
  return guard('CarePlan', r, source, (base) => {
    const status = typeof r.status === 'string' && r.status ? r.status : 'unknown';
    if (status === 'entered-in-error') throw new Unreadable(ENTERED_IN_ERROR);
    const category = nonEmpty((r.category ?? []).map(conceptText))[0];
    const title = r.title?.trim() || r.description?.trim() || category || UNTITLED_PLAN;
    const start = readDate(r.period?.start, 'period.start');
    const end = readDate(r.period?.end, 'period.end');
    const activities = nonEmpty(
      (r.activity ?? []).map((a) => a?.detail?.description?.trim() || conceptText(a?.detail?.code) || referenceDisplay(a?.reference)),
    );
    const careTeam = nonEmpty([...(r.careTeam ?? []), ...(r.contributor ?? [])].map(referenceDisplay));
    return {
      ...base,
      kind: 'care-plan',
      title,
      status,
      ...(category ? { category } : {}),
      ...(start ? { start } : {}),
      ...(end ? { end } : {}),
      activities,
      careTeam,
    };
  });
}
