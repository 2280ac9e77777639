/**
 * Allergies and intolerances: the GP holds them all; a hospital records some again on
 * admission (so the same allergy arrives from two organisations and must be shown once
 * with both sources). Substance and manifestation codes are SNOMED CT.
 */
import type { AllergyIntolerance } from 'fhir/r4';
import type { RecordContext } from './context';
import type { AllergyKey } from './plans';
import { instantBefore } from './clock';
import { ALLERGY_CLINICAL, ALLERGY_VERIFICATION, SNOMED } from './systems';

type Coded = [code: string, display: string];

interface AllergySpec {
  substance: Coded;
  category: 'medication' | 'food' | 'environment';
  type: 'allergy' | 'intolerance';
  criticality: 'low' | 'high';
  manifestation: Coded;
  severity: 'mild' | 'moderate' | 'severe';
}

const ALLERGY: Record<AllergyKey, AllergySpec> = {
  penicillin: { substance: ['764146007', 'Penicillin'], category: 'medication', type: 'allergy', criticality: 'high', manifestation: ['126485001', 'Urticaria'], severity: 'moderate' },
  peanut: { substance: ['91935009', 'Allergy to peanut'], category: 'food', type: 'allergy', criticality: 'high', manifestation: ['39579001', 'Anaphylaxis'], severity: 'severe' },
  latex: { substance: ['300916003', 'Latex allergy'], category: 'environment', type: 'allergy', criticality: 'low', manifestation: ['271807003', 'Eruption of skin'], severity: 'mild' },
  ibuprofen: { substance: ['387207008', 'Ibuprofen'], category: 'medication', type: 'intolerance', criticality: 'low', manifestation: ['422587007', 'Nausea'], severity: 'mild' },
  codeine: { substance: ['387494007', 'Codeine'], category: 'medication', type: 'intolerance', criticality: 'low', manifestation: ['422587007', 'Nausea'], severity: 'moderate' },
};

export function allergies(ctx: RecordContext): AllergyIntolerance[] {
  const kind = ctx.endpoint.kind;
  if (kind !== 'gp-practice' && kind !== 'acute-hospital' && kind !== 'ambulance') return [];
  return ctx.plan.allergies
    .filter(() => kind === 'gp-practice' || ctx.rng.chance(kind === 'acute-hospital' ? 0.6 : 0.3))
    .map((key) => {
      const a = ALLERGY[key];
      return ctx.add<AllergyIntolerance>({
        resourceType: 'AllergyIntolerance',
        id: ctx.nextId('AllergyIntolerance'),
        clinicalStatus: { coding: [{ system: ALLERGY_CLINICAL, code: 'active', display: 'Active' }] },
        verificationStatus: { coding: [{ system: ALLERGY_VERIFICATION, code: 'confirmed', display: 'Confirmed' }] },
        type: a.type,
        category: [a.category],
        criticality: a.criticality,
        code: { coding: [{ system: SNOMED, code: a.substance[0], display: a.substance[1] }], text: a.substance[1] },
        patient: ctx.subject,
        recordedDate: instantBefore(ctx.rng.int(60, 5000), 11 * 60),
        ...(ctx.author.reference ? { recorder: ctx.author } : {}),
        reaction: [
          {
            manifestation: [{ coding: [{ system: SNOMED, code: a.manifestation[0], display: a.manifestation[1] }], text: a.manifestation[1] }],
            severity: a.severity,
          },
        ],
      });
    });
}
