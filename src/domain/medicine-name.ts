/**
 * The comparable form of a medicine name, for grouping the same medicine recorded as
 * text by different organisations: "Amlodipine 5 mg Tablets", "amlodipine 5mg tablet"
 * and "AMLODIPINE 5MG TABLETS." are one medicine. Strengths and units are kept (5mg and
 * 10mg are different medicines); only their spelling is made uniform, following the
 * dm+d naming conventions (mg, microgram, ml; NHS Dictionary of medicines and devices).
 */

const UNITS: [RegExp, string][] = [
  [/\b(?:micrograms?|mcg|ug)\b/g, 'mcg'],
  [/\b(?:milligrams?|mgs?)\b/g, 'mg'],
  [/\b(?:nanograms?|ng)\b/g, 'ng'],
  [/\b(?:grams?|gm|g)\b/g, 'g'],
  [/\b(?:millilitres?|milliliters?|mls?)\b/g, 'ml'],
  [/\b(?:litres?|liters?)\b/g, 'l'],
  [/\b(?:units?|iu)\b/g, 'unit'],
  [/\b(?:tablets?|tabs?)\b/g, 'tablet'],
  [/\b(?:capsules?|caps?)\b/g, 'capsule'],
];

const STRENGTH_UNITS = 'mcg|mg|ng|g|ml|l|unit';

/** Most names kept by normaliseMedicineName: far more than a record's distinct medicines. */
export const MEDICINE_NAME_CACHE_SIZE = 10_000;
/** By the name's text: a large record repeats a few hundred names over thousands of entries (issue 14). */
const NAMES = new Map<string, string>();

/** Lower case, no accents, no punctuation, single spaces, uniform units; '' when nothing is left. */
export function normaliseMedicineName(name: string): string {
  let n = NAMES.get(name);
  if (n === undefined) {
    if (NAMES.size >= MEDICINE_NAME_CACHE_SIZE) NAMES.clear();
    n = comparableName(name);
    NAMES.set(name, n);
  }
  return n;
}

function comparableName(name: string): string {
  let s = name.normalize('NFKD').replace(/[µμ]g/g, 'mcg').replace(/\p{M}/gu, '').toLowerCase();
  s = s.replace(/(?<=\d),(?=\d{3}(?!\d))/g, ''); // 100,000units, 1,000,000
  s = s.replace(/(\d)\.(?=\d)/g, '$1\u0000'); // keep decimal points
  s = s.replace(/[^a-z0-9\u0000%]+/g, ' ').replace(/\u0000/g, '.');
  s = s.replace(/(\d)(?=[a-z])/g, '$1 ').replace(/([a-z])(?=\d)/g, '$1 ');
  for (const [pattern, unit] of UNITS) s = s.replace(pattern, unit);
  s = s.replace(new RegExp(`(\\d) (${STRENGTH_UNITS})\\b`, 'g'), '$1$2');
  return s.replace(/\s+/g, ' ').trim();
}
