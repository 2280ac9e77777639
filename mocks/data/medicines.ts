/**
 * The medicines catalogue: dm+d concept ids (VMPs) with the dosage wording prescribers
 * use. Codes were checked against public sources rather than invented:
 *  - the NHS EPS examples vendored in ./nhs-eps (paracetamol,
 *    furosemide, salbutamol, budesonide, amoxicillin, prednisolone, morphine, diazepam,
 *    co-codamol);
 *  - OpenSAFELY dm+d codelists (citalopram, fluoxetine, sertraline — whose VMP id changed
 *    from 321959007 to 39704111000001102 — metformin, apixaban, atorvastatin);
 *  - SNOMED CT UK drug extension listings (amlodipine 319283006, ramipril 318901006,
 *    bisoprolol 318590006).
 * Levothyroxine was left out: no source at hand confirmed its VMP id.
 */
import type { ConditionKey } from './plans';

export interface Medicine {
  code: string;
  display: string;
  dose: string;
  /** Supply quantity unit for dispenseRequest. */
  unit: 'tablet' | 'capsule' | 'inhaler';
}

export const MEDICINES = {
  amlodipine: { code: '319283006', display: 'Amlodipine 5mg tablets', dose: 'One tablet once a day', unit: 'tablet' },
  ramipril: { code: '318901006', display: 'Ramipril 2.5mg capsules', dose: 'One capsule once a day', unit: 'capsule' },
  metformin: { code: '325278007', display: 'Metformin 500mg tablets', dose: 'One tablet twice a day with food', unit: 'tablet' },
  atorvastatin: { code: '39733011000001106', display: 'Atorvastatin 20mg tablets', dose: 'One tablet at night', unit: 'tablet' },
  apixaban: { code: '42206511000001102', display: 'Apixaban 5mg tablets', dose: 'One tablet twice a day', unit: 'tablet' },
  bisoprolol: { code: '318590006', display: 'Bisoprolol 5mg tablets', dose: 'One tablet each morning', unit: 'tablet' },
  sertraline: { code: '39704111000001102', display: 'Sertraline 50mg tablets', dose: 'One tablet once a day', unit: 'tablet' },
  citalopram: { code: '321987003', display: 'Citalopram 20mg tablets', dose: 'One tablet once a day', unit: 'tablet' },
  fluoxetine: { code: '321949006', display: 'Fluoxetine 20mg capsules', dose: 'One capsule once a day', unit: 'capsule' },
  paracetamol: {
    code: '322236009', display: 'Paracetamol 500mg tablets',
    dose: 'One or two tablets up to four times a day when required. Maximum 8 tablets in 24 hours', unit: 'tablet',
  },
  cocodamol: { code: '322341003', display: 'Co-codamol 30mg/500mg tablets', dose: 'One or two tablets up to four times a day when required', unit: 'tablet' },
  furosemide: { code: '317972000', display: 'Furosemide 40mg tablets', dose: 'One tablet each morning', unit: 'tablet' },
  salbutamol: { code: '39113611000001102', display: 'Salbutamol 100micrograms/dose inhaler CFC free', dose: 'Two puffs when required', unit: 'inhaler' },
  budesonide: { code: '320567001', display: 'Budesonide 200micrograms/dose dry powder inhaler', dose: 'One puff twice a day', unit: 'inhaler' },
  amoxicillin: { code: '39732311000001104', display: 'Amoxicillin 250mg capsules', dose: 'One capsule three times a day for 5 days', unit: 'capsule' },
  prednisolone: { code: '325427002', display: 'Prednisolone 5mg tablets', dose: 'Eight tablets once a day for 5 days, taken with food', unit: 'tablet' },
  morphineMr: { code: '36126511000001106', display: 'Morphine 10mg modified-release tablets', dose: 'One tablet twice a day', unit: 'tablet' },
  diazepam: { code: '321196004', display: 'Diazepam 2mg tablets', dose: 'One tablet at night when required', unit: 'tablet' },
} as const satisfies Record<string, Medicine>;

export type MedicineKey = keyof typeof MEDICINES;

/** Long-term medicines that follow from each condition (NICE first-line choices, simplified). */
export const TREATS: Record<ConditionKey, MedicineKey[]> = {
  hypertension: ['amlodipine', 'ramipril'],
  diabetes: ['metformin', 'atorvastatin'],
  hyperlipidaemia: ['atorvastatin'],
  af: ['apixaban', 'bisoprolol'],
  heartFailure: ['furosemide', 'bisoprolol', 'ramipril'],
  depression: ['sertraline'],
  anxiety: ['sertraline'],
  asthma: ['salbutamol', 'budesonide'],
  copd: ['salbutamol'],
  osteoarthritis: ['paracetamol'],
  dementia: [],
  ckd: [],
  hiv: [],
  schizophrenia: [],
};

/** A person's long-term medicines, without repeats, in a stable order. */
export function longTermMedicines(conditions: readonly ConditionKey[]): MedicineKey[] {
  return [...new Set(conditions.flatMap((c) => TREATS[c]))];
}
