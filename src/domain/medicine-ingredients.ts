/**
 * The active ingredients a medicine's name shows, for one check: the same ingredient in
 * two current medicines (docs/clinical-rules.md, "Medicines"). Paracetamol taken as
 * co-codamol and again as paracetamol is the commonest way to exceed its daily maximum
 * (BNF, paracetamol: "important safety information"); co-amoxiclav with amoxicillin, or
 * co-careldopa with another levodopa product, double a dose the same way.
 *
 * Read from the name, since the viewer holds no dm+d ingredient table: a combination's
 * British Approved Name ("co-" names, BNF) or one of a few UK brand names stands for its
 * ingredients, and an ingredient below named in the medicine's name counts itself
 * ("Tramadol 37.5mg / Paracetamol 325mg tablets"). Only the ingredients listed here are
 * recognised: a name outside the list gives none, so the absence of a flag is never a
 * statement that no ingredient is shared.
 */
import { normaliseMedicineName } from './medicine-name';

/** Combination names (in normaliseMedicineName's spelling) and what each contains. */
const COMBINATIONS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['co codamol', ['codeine', 'paracetamol']],
  ['co dydramol', ['dihydrocodeine', 'paracetamol']],
  ['co proxamol', ['dextropropoxyphene', 'paracetamol']],
  ['co codaprin', ['aspirin', 'codeine']],
  ['co amoxiclav', ['amoxicillin', 'clavulanic acid']],
  ['co fluampicil', ['ampicillin', 'flucloxacillin']],
  ['co trimoxazole', ['sulfamethoxazole', 'trimethoprim']],
  ['co careldopa', ['carbidopa', 'levodopa']],
  ['co beneldopa', ['benserazide', 'levodopa']],
  ['co amilofruse', ['amiloride', 'furosemide']],
  ['co amilozide', ['amiloride', 'hydrochlorothiazide']],
  ['co tenidone', ['atenolol', 'chlortalidone']],
  ['co triamterzide', ['hydrochlorothiazide', 'triamterene']],
  ['co zidocapt', ['captopril', 'hydrochlorothiazide']],
  // UK brands of the same combinations, and of paracetamol alone.
  ['solpadol', ['codeine', 'paracetamol']],
  ['kapake', ['codeine', 'paracetamol']],
  ['zapain', ['codeine', 'paracetamol']],
  ['tylex', ['codeine', 'paracetamol']],
  ['migraleve', ['codeine', 'paracetamol']],
  ['remedeine', ['dihydrocodeine', 'paracetamol']],
  ['tramacet', ['paracetamol', 'tramadol']],
  ['panadol', ['paracetamol']],
  ['calpol', ['paracetamol']],
  ['augmentin', ['amoxicillin', 'clavulanic acid']],
  ['septrin', ['sulfamethoxazole', 'trimethoprim']],
  ['sinemet', ['carbidopa', 'levodopa']],
  ['madopar', ['benserazide', 'levodopa']],
  ['frumil', ['amiloride', 'furosemide']],
  ['tenoretic', ['atenolol', 'chlortalidone']],
];

/** Every ingredient above, recognised also where the name gives it by itself. */
const INGREDIENTS: readonly string[] = [...new Set(COMBINATIONS.flatMap(([, xs]) => xs))].sort();

const word = (phrase: string) => new RegExp(`(?:^| )${phrase}(?: |$)`);
const COMBINATION_PATTERNS = COMBINATIONS.map(([name, xs]) => [word(name), xs] as const);
const INGREDIENT_PATTERNS = INGREDIENTS.map((x) => [word(x), x] as const);

/** By the name's text, as medicine-name.ts does: a large record repeats a few hundred names over thousands of entries. */
const BY_NAME = new Map<string, readonly string[]>();
const MAX_REMEMBERED = 10_000;

/** The recognised ingredients in a medicine's name, sorted; none when it names none of them. */
export function ingredientsOf(name: string): readonly string[] {
  let found = BY_NAME.get(name);
  if (found === undefined) {
    if (BY_NAME.size >= MAX_REMEMBERED) BY_NAME.clear();
    found = readIngredients(normaliseMedicineName(name));
    BY_NAME.set(name, found);
  }
  return found;
}

function readIngredients(n: string): readonly string[] {
  const found = new Set<string>();
  for (const [pattern, xs] of COMBINATION_PATTERNS) if (pattern.test(n)) for (const x of xs) found.add(x);
  for (const [pattern, x] of INGREDIENT_PATTERNS) if (pattern.test(n)) found.add(x);
  return Object.freeze([...found].sort());
}
