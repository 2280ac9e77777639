/**
 * Care plans, clinical and social: a diabetes or proactive care plan at the GP, a
 * discharge plan at the hospital, falls and wound plans from community services, the
 * Care Act care and support plan from adult social care and the Care Programme
 * Approach plan from mental health. Clinical plans use SNOMED CT 734163000 |Care plan|.
 */
import type { CarePlan, CarePlanActivity, CodeableConcept, Encounter } from 'fhir/r4';
import type { RecordContext } from './context';
import { dateBefore, daysAgo, instantBefore } from './clock';
import { SNOMED } from './systems';

const CLINICAL: CodeableConcept = { coding: [{ system: SNOMED, code: '734163000', display: 'Care plan' }], text: 'Clinical care plan' };
const SOCIAL: CodeableConcept = { text: 'Social care and support plan' };

function activity(description: string, status: 'in-progress' | 'scheduled' | 'completed' = 'in-progress'): CarePlanActivity {
  return { detail: { status, description } };
}

function plan(ctx: RecordContext, title: string, category: CodeableConcept, activities: string[], startDaysAgo: number, ended = false): CarePlan {
  const deceased = !!ctx.plan.deceasedDateTime;
  return ctx.add<CarePlan>({
    resourceType: 'CarePlan',
    id: ctx.nextId('CarePlan'),
    status: ended || deceased ? 'completed' : 'active',
    intent: 'plan',
    category: [category],
    title,
    subject: ctx.subject,
    period: { start: dateBefore(startDaysAgo), ...(ended ? { end: dateBefore(Math.max(1, startDaysAgo - 30)) } : {}) },
    created: instantBefore(startDaysAgo, 14 * 60),
    author: ctx.author.reference ? ctx.author : ctx.organisation,
    contributor: [ctx.organisation],
    activity: activities.map((a) => activity(a, ended ? 'completed' : 'in-progress')),
  });
}

export function carePlans(ctx: RecordContext, contacts: Encounter[]): CarePlan[] {
  const p = ctx.plan;
  const out: CarePlan[] = [];
  const since = ctx.rng.int(60, 700);
  switch (ctx.endpoint.kind) {
    case 'gp-practice':
      if (p.conditions.includes('diabetes')) out.push(plan(ctx, 'Type 2 diabetes care plan', CLINICAL, ['Annual diabetes review including foot check', 'HbA1c every 6 months', 'Retinal screening referral'], since));
      if (p.flags.includes('dnacpr')) out.push(plan(ctx, 'Advance care plan (ReSPECT)', CLINICAL, ['Preferred place of care: home', 'Anticipatory medicines prescribed'], since));
      break;
    case 'acute-hospital': {
      const last = [...contacts].reverse().find((e) => e.class.code === 'IMP' && e.status === 'finished');
      if (last?.period?.end) out.push(plan(ctx, 'Discharge plan', CLINICAL, ['GP to review medicines within 2 weeks', 'Outpatient follow-up in 6 weeks'], Math.max(2, daysAgo(last.period.end)), true));
      break;
    }
    case 'community-health':
      if (p.flags.includes('fallsRisk')) out.push(plan(ctx, 'Falls prevention plan', CLINICAL, ['Strength and balance exercises twice a week', 'Home hazard assessment', 'Pendant alarm in place'], since));
      if (ctx.rng.chance(0.5)) out.push(plan(ctx, 'Leg ulcer wound care plan', CLINICAL, ['Compression bandaging changed twice a week by district nurse'], since + 30));
      break;
    case 'social-care':
      out.push(plan(ctx, 'Care and support plan (Care Act 2014)', SOCIAL, [
        'Home care: two visits a day for personal care (morning and evening)',
        'Meals delivered at lunchtime',
        'Day centre on Tuesdays and Fridays',
        'Carer to be offered a carer’s assessment',
      ], since));
      break;
    case 'mental-health':
      out.push(plan(ctx, 'Care Programme Approach care plan', CLINICAL, ['Care coordinator visits every two weeks', 'Medication review with psychiatrist every 3 months'], since));
      out.push(plan(ctx, 'Crisis and contingency plan', CLINICAL, ['Early warning signs: poor sleep, withdrawing from family', 'Crisis line: call the 24-hour mental health line (NHS 111, option 2)'], since));
      break;
    default:
      break;
  }
  return out;
}
