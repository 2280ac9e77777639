/**
 * The sensitive hard case: records carrying security labels (meta.security) that the
 * viewer must respect. Confidentiality R (restricted) and V (very restricted) from
 * v3-Confidentiality; sensitivity HIV, PSY, SDV and SEX from v3-ActCode.
 */
import type { Coding, Condition, Resource } from 'fhir/r4';
import type { RecordContext } from './context';
import { label } from './context';
import { CONDITIONS } from './conditions';
import { instantBefore, addMinutes, dateBefore } from './clock';
import { FLAG_CATEGORY, V3_ACT_CODE, V3_CONFIDENTIALITY } from './systems';

const R: Coding = { system: V3_CONFIDENTIALITY, code: 'R', display: 'restricted' };
const V: Coding = { system: V3_CONFIDENTIALITY, code: 'V', display: 'very restricted' };
const act = (code: string, display: string): Coding => ({ system: V3_ACT_CODE, code, display });
export const SENSITIVITY = {
  HIV: act('HIV', 'HIV/AIDS information sensitivity'),
  PSY: act('PSY', 'psychiatry disorder information sensitivity'),
  SDV: act('SDV', 'sexual assault, abuse, or domestic violence information sensitivity'),
  SEX: act('SEX', 'sexuality and reproductive health information sensitivity'),
};

/**
 * Labels the person's records at one endpoint and adds the sensitive items that only
 * this case has. `own` is everything built for the person there, Patient included.
 */
export function labelSensitive(ctx: RecordContext, own: Resource[]): void {
  const clinical = own.filter((r) => r.resourceType !== 'Patient');
  switch (ctx.endpoint.kind) {
    case 'mental-health':
      label(clinical, [R, SENSITIVITY.PSY]);
      break;
    case 'acute-hospital': {
      const hiv = clinical.filter((r): r is Condition => r.resourceType === 'Condition' && (r as Condition).code?.coding?.[0]?.code === CONDITIONS.hiv.code);
      label(hiv, [R, SENSITIVITY.HIV]);
      const start = instantBefore(ctx.rng.int(100, 300), 13 * 60);
      const clinic = ctx.add({
        resourceType: 'Encounter',
        id: ctx.nextId('Encounter'),
        status: 'finished',
        class: { system: V3_ACT_CODE, code: 'AMB', display: 'ambulatory' },
        type: [{ text: 'Sexual and reproductive health clinic appointment' }],
        subject: ctx.subject,
        period: { start, end: addMinutes(start, 30) },
        serviceProvider: ctx.organisation,
      });
      label([clinic], [R, SENSITIVITY.SEX]);
      break;
    }
    case 'gp-practice': {
      // The GP's problem list holds the same HIV diagnosis: labelled there too.
      label(clinical.filter((r) => r.resourceType === 'Condition' && (r as Condition).code?.coding?.[0]?.code === CONDITIONS.hiv.code), [R, SENSITIVITY.HIV]);
      const flag = ctx.add({
        resourceType: 'Flag',
        id: ctx.nextId('Flag'),
        status: 'active',
        category: [{ coding: [{ system: FLAG_CATEGORY, code: 'safety', display: 'Safety' }] }],
        code: { text: 'Domestic abuse: MARAC referral made. Do not discuss with partner; contact by mobile only' },
        subject: ctx.subject,
        period: { start: dateBefore(ctx.rng.int(60, 400)) },
        author: ctx.author.reference ? ctx.author : ctx.organisation,
      });
      label([flag], [V, SENSITIVITY.SDV]);
      break;
    }
    default:
      break;
  }
}
