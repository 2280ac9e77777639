/**
 * Problems (Condition) as context for the record: the GP holds the full problem list,
 * hospitals record the diagnoses relevant to their care, mental health services their
 * own diagnoses. SNOMED CT codes.
 */
import type { Condition } from 'fhir/r4';
import type { RecordContext } from './context';
import type { ConditionKey } from './plans';
import { instantBefore } from './clock';
import { CONDITION_CATEGORY, CONDITION_CLINICAL, CONDITION_VERIFICATION, SNOMED } from './systems';

export const CONDITIONS: Record<ConditionKey, { code: string; display: string }> = {
  hypertension: { code: '38341003', display: 'Hypertensive disorder' },
  diabetes: { code: '44054006', display: 'Type 2 diabetes mellitus' },
  hyperlipidaemia: { code: '55822004', display: 'Hyperlipidaemia' },
  af: { code: '49436004', display: 'Atrial fibrillation' },
  heartFailure: { code: '84114007', display: 'Heart failure' },
  depression: { code: '35489007', display: 'Depressive disorder' },
  anxiety: { code: '197480006', display: 'Anxiety disorder' },
  asthma: { code: '195967001', display: 'Asthma' },
  copd: { code: '13645005', display: 'Chronic obstructive lung disease' },
  osteoarthritis: { code: '396275006', display: 'Osteoarthritis' },
  dementia: { code: '52448006', display: 'Dementia' },
  ckd: { code: '709044004', display: 'Chronic kidney disease' },
  hiv: { code: '86406008', display: 'Human immunodeficiency virus infection' },
  schizophrenia: { code: '58214004', display: 'Schizophrenia' },
};

const MENTAL: readonly ConditionKey[] = ['depression', 'anxiety', 'schizophrenia', 'dementia'];

/** Which of the person's conditions this kind of organisation records. */
function relevant(ctx: RecordContext, key: ConditionKey): boolean {
  switch (ctx.endpoint.kind) {
    case 'gp-practice':
      return true;
    case 'mental-health':
      return MENTAL.includes(key);
    case 'acute-hospital':
      return !MENTAL.includes(key) || key === 'dementia';
    case 'community-health':
      return ['heartFailure', 'copd', 'osteoarthritis', 'diabetes', 'dementia'].includes(key);
    default:
      return false;
  }
}

export function conditions(ctx: RecordContext): Condition[] {
  const gp = ctx.endpoint.kind === 'gp-practice';
  return ctx.plan.conditions.filter((k) => relevant(ctx, k)).map((key) => {
    const c = CONDITIONS[key];
    const onset = instantBefore(ctx.rng.int(400, 6000), 9 * 60);
    return ctx.add<Condition>({
      resourceType: 'Condition',
      id: ctx.nextId('Condition'),
      clinicalStatus: { coding: [{ system: CONDITION_CLINICAL, code: 'active', display: 'Active' }] },
      verificationStatus: { coding: [{ system: CONDITION_VERIFICATION, code: 'confirmed', display: 'Confirmed' }] },
      category: [
        gp
          ? { coding: [{ system: CONDITION_CATEGORY, code: 'problem-list-item', display: 'Problem List Item' }] }
          : { coding: [{ system: CONDITION_CATEGORY, code: 'encounter-diagnosis', display: 'Encounter Diagnosis' }] },
      ],
      code: { coding: [{ system: SNOMED, code: c.code, display: c.display }], text: c.display },
      subject: ctx.subject,
      onsetDateTime: onset,
      recordedDate: onset,
      ...(ctx.author.reference ? { asserter: ctx.author } : {}),
    });
  });
}
