/**
 * Who lives in the synthetic world and which organisations have seen them. The hard
 * cases are written out by hand so that a test can state what each one proves; the
 * remaining people are drawn from the seeded generator with ages, conditions and
 * services that fit together (older people see community and social care; people in
 * Hertfordshire are not known to Cambridgeshire's services).
 */
import type { Rng } from './prng';
import { FAMILY, FEMALE_GIVEN, MALE_GIVEN, type Region } from './names';
import { dateBefore } from './clock';
import { DEFAULT_ENDPOINT_COUNT } from '../sandbox/topology';

export type ConditionKey =
  | 'hypertension' | 'diabetes' | 'hyperlipidaemia' | 'af' | 'heartFailure' | 'depression' | 'anxiety'
  | 'asthma' | 'copd' | 'osteoarthritis' | 'dementia' | 'ckd' | 'hiv' | 'schizophrenia';
export type AllergyKey = 'penicillin' | 'peanut' | 'latex' | 'ibuprofen' | 'codeine';
export type FlagKey = 'fallsRisk' | 'safeguarding' | 'reasonableAdjustment' | 'dnacpr';

export interface PersonPlan {
  key: string;
  prefix: string;
  given: string;
  family: string;
  gender: 'male' | 'female';
  birthDate: string;
  region: Region;
  conditions: ConditionKey[];
  allergies: AllergyKey[];
  flags: FlagKey[];
  /** Endpoint id -> number of contacts (encounters) recorded there. Presence = known there. */
  contacts: Record<string, number>;
  deceasedDateTime?: string;
  /** Currently an inpatient at the acute trust (the hospital host launches inside it). */
  inpatientNow?: boolean;
  /** Endpoint id -> the birthDate that organisation holds when it differs (a data error). */
  birthDateAt?: Record<string, string>;
  /** Nothing but the Patient and its contacts (a newly registered person). */
  minimal?: boolean;
  /** Endpoint id of the registered practice (Patient.generalPractitioner) when not the region's usual one. */
  registeredAt?: string;
}

type Hand = Omit<PersonPlan, 'key'>;
const hand = (p: Hand): PersonPlan => ({ ...p, key: `${p.family}-${p.given}`.toLowerCase().replace(/[^a-z-]/g, '') });

/** Hard cases and the first, typical person (e2e picks the first person known at a host). */
export const HAND_WRITTEN: Record<'typical' | 'sixOrganisations' | 'largeRecord' | 'dobMismatch' | 'sensitive' | 'objection' | 'deceased' | 'sparse', PersonPlan> = {
  typical: hand({
    prefix: 'Mrs', given: 'Margaret', family: 'Whitfield', gender: 'female', birthDate: '1941-03-12', region: 'cambs',
    conditions: ['hypertension', 'af', 'osteoarthritis'], allergies: ['penicillin'], flags: ['fallsRisk'],
    contacts: { 'riverside-gp': 24, 'ouse-valley-acute': 6, 'ouse-community': 12, 'cambs-asc': 5 }, inpatientNow: true,
  }),
  sixOrganisations: hand({
    prefix: 'Mr', given: 'Arthur', family: 'Pennington', gender: 'male', birthDate: '1938-09-04', region: 'cambs',
    conditions: ['heartFailure', 'copd', 'depression', 'dementia'], allergies: ['codeine'], flags: ['fallsRisk', 'reasonableAdjustment', 'safeguarding'],
    contacts: { 'riverside-gp': 30, 'fenland-mh': 8, 'ouse-community': 20, 'ouse-valley-acute': 9, 'cambs-asc': 10, 'eastern-ambulance': 4, 'stort-acute': 1 },
  }),
  largeRecord: hand({
    prefix: 'Mrs', given: 'Dorothy', family: 'Fairbanks', gender: 'female', birthDate: '1933-06-21', region: 'cambs',
    conditions: ['diabetes', 'hypertension', 'hyperlipidaemia', 'ckd', 'af', 'osteoarthritis'], allergies: ['latex', 'ibuprofen'],
    flags: ['fallsRisk', 'dnacpr'],
    contacts: { 'riverside-gp': 1700, 'ouse-valley-acute': 900, 'ouse-community': 1500, 'cambs-asc': 520, 'eastern-ambulance': 150 },
  }),
  dobMismatch: hand({
    prefix: 'Mr', given: 'Daniel', family: 'Okafor', gender: 'male', birthDate: '1979-03-07', region: 'cambs',
    conditions: ['asthma'], allergies: ['peanut'], flags: [],
    // Registered at the GP host system so that a launch can meet the mismatch.
    contacts: { 'riverside-gp': 9, 'stort-acute': 3, 'eastern-ambulance': 1 },
    // Day and month transposed at the hospital: a classic registration error.
    birthDateAt: { 'stort-acute': '1979-07-03' },
  }),
  sensitive: hand({
    prefix: 'Ms', given: 'Chloe', family: 'Barrett', gender: 'female', birthDate: '1992-11-30', region: 'cambs',
    conditions: ['depression', 'anxiety', 'hiv'], allergies: [], flags: ['reasonableAdjustment'],
    // Known to adult social care too, so a social worker can open her record and see that
    // sensitive items are never shown to a social-care role.
    contacts: { 'riverside-gp': 14, 'fenland-mh': 10, 'ouse-valley-acute': 5, 'cambs-asc': 3 },
  }),
  objection: hand({
    prefix: 'Mr', given: 'Graham', family: 'Holloway', gender: 'male', birthDate: '1958-01-16', region: 'cambs',
    conditions: ['schizophrenia', 'diabetes'], allergies: [], flags: [],
    contacts: { 'riverside-gp': 12, 'fenland-mh': 15, 'ouse-valley-acute': 2 },
  }),
  deceased: hand({
    prefix: 'Mrs', given: 'Edith', family: 'Marsh', gender: 'female', birthDate: '1930-12-02', region: 'cambs',
    conditions: ['heartFailure', 'ckd'], allergies: ['penicillin'], flags: ['dnacpr'],
    contacts: { 'riverside-gp': 18, 'ouse-valley-acute': 4, 'cambs-asc': 3, 'ouse-community': 6 },
    deceasedDateTime: '2026-08-14T03:20:00Z',
  }),
  sparse: hand({
    prefix: 'Miss', given: 'Priya', family: 'Shah', gender: 'female', birthDate: '1998-05-09', region: 'cambs',
    conditions: [], allergies: [], flags: [], contacts: { 'riverside-gp': 1 }, minimal: true,
  }),
};

const LONG_TERM: readonly ConditionKey[] = ['hypertension', 'diabetes', 'hyperlipidaemia', 'af', 'asthma', 'copd', 'osteoarthritis', 'depression', 'anxiety', 'ckd'];
const ALLERGIES: readonly AllergyKey[] = ['penicillin', 'peanut', 'latex', 'ibuprofen', 'codeine'];

/** A plausible person: age first, then conditions and services that fit the age and region. */
export function generatedPlan(rng: Rng, taken: Set<string>): PersonPlan {
  const gender = rng.chance(0.5) ? 'female' : 'male';
  const region: Region = rng.chance(0.7) ? 'cambs' : 'herts';
  const age = rng.int(19, 96);
  let given: string;
  let family: string;
  let key: string;
  do {
    given = rng.pick(gender === 'female' ? FEMALE_GIVEN : MALE_GIVEN);
    family = rng.pick(FAMILY);
    key = `${family}-${given}`.toLowerCase().replace(/[^a-z-]/g, '');
  } while (taken.has(key));
  taken.add(key);
  const birthDate = dateBefore(age * 365 + rng.int(0, 364));
  const conditions = LONG_TERM.filter(() => rng.chance(age > 65 ? 0.3 : 0.1));
  if (age > 85 && rng.chance(0.4)) conditions.push('dementia');
  const allergies = ALLERGIES.filter(() => rng.chance(0.12));
  const flags: FlagKey[] = [];
  if (age > 75 && rng.chance(0.5)) flags.push('fallsRisk');
  if (conditions.includes('dementia') || rng.chance(0.08)) flags.push('reasonableAdjustment');
  const contacts: Record<string, number> = {};
  const gpVisits = rng.int(3, 10) + Math.floor(age / 10) + conditions.length * 3;
  contacts[region === 'cambs' ? 'riverside-gp' : 'lea-valley-gp'] = gpVisits;
  if (rng.chance(age > 60 ? 0.75 : 0.4)) contacts[region === 'cambs' ? 'ouse-valley-acute' : 'stort-acute'] = rng.int(1, 6);
  if (age > 65 && rng.chance(0.3)) contacts['eastern-ambulance'] = rng.int(1, 3);
  if (region === 'cambs') {
    if (age > 70 && rng.chance(0.5)) contacts['ouse-community'] = rng.int(2, 15);
    if (age > 75 && rng.chance(0.4)) {
      contacts['cambs-asc'] = rng.int(2, 8);
      if (rng.chance(0.2)) flags.push('safeguarding');
    }
    if ((conditions.includes('depression') || conditions.includes('anxiety')) && rng.chance(0.5)) contacts['fenland-mh'] = rng.int(2, 8);
  }
  const prefix = gender === 'male' ? 'Mr' : rng.pick(['Mrs', 'Ms', 'Miss'] as const);
  return { key, prefix, given, family, gender, birthDate, region, conditions, allergies, flags, contacts };
}

/**
 * The people of a region's generated practices (SANDBOX_ENDPOINTS above 8), spread as a
 * region would: each registered at one practice, some with a past practice, a hospital,
 * the ambulance service; and one person known to exactly five organisations (registered
 * practice, past practice, acute trust where they are an inpatient now, community trust,
 * ambulance service), the region's typical patient. Empty for today's eight.
 */
export function regionPlans(
  rng: Rng,
  topology: { endpoints: readonly { id: string; kind: string; region: string }[] },
  taken: Set<string>,
): { plans: PersonPlan[]; knownToFive?: PersonPlan } {
  const practices = topology.endpoints.slice(DEFAULT_ENDPOINT_COUNT).filter((e) => e.kind === 'gp-practice');
  if (practices.length === 0) return { plans: [] };
  const [home, past] = [practices[0]!, practices[1] ?? practices[0]!];
  const knownToFive = hand({
    prefix: 'Mrs', given: 'Eleanor', family: 'Ashby', gender: 'female', birthDate: '1946-02-17', region: 'cambs',
    conditions: ['diabetes', 'hypertension'], allergies: ['peanut'], flags: [],
    contacts: { [home.id]: 14, [past.id]: 6, 'ouse-valley-acute': 3, 'ouse-community': 5, 'eastern-ambulance': 1 },
    registeredAt: home.id, inpatientNow: true,
  });
  taken.add(knownToFive.key);
  const plans: PersonPlan[] = [knownToFive];
  practices.forEach((practice, i) => {
    const p = generatedPlan(rng, taken);
    const cambs = practice.region === 'Cambridgeshire and Peterborough';
    const contacts: Record<string, number> = { [practice.id]: rng.int(2, 12) };
    if (rng.chance(0.3)) {
      const previous = practices[(i + 1 + rng.int(0, practices.length - 2)) % practices.length]!;
      if (previous.id !== practice.id) contacts[previous.id] = rng.int(1, 6);
    }
    if (rng.chance(0.5)) contacts[cambs ? 'ouse-valley-acute' : 'stort-acute'] = rng.int(1, 4);
    if (rng.chance(0.15)) contacts['eastern-ambulance'] = 1;
    plans.push({ ...p, region: cambs ? 'cambs' : 'herts', contacts, registeredAt: practice.id, minimal: true });
  });
  return { plans, knownToFive };
}
