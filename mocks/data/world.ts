/**
 * The synthetic world: every organisation's endpoint with its own copy of each person
 * it knows (its own Patient.id, the same NHS number), their records, and the hard cases
 * tests need. Deterministic for a seed: no clock, no Math.random. See README.md.
 */
import type { FhirResource, Reference } from 'fhir/r4';
import { sandboxTopology, type SandboxEndpoint, type SandboxTopology } from '../sandbox/topology';
import type { HardCases, SyntheticPerson, SyntheticWorld } from './types';
import { createRng } from './prng';
import { idFactory, type RecordContext } from './context';
import { HAND_WRITTEN, generatedPlan, regionPlans, type PersonPlan } from './plans';
import { syntheticNhsNumbers } from './nhs-numbers';
import { landline, mobile, ukAddress } from './names';
import { patientAt, type Demographics } from './patients';
import { hostUser, organisation, organisationIdentifierRef, organisationRef } from './organisations';
import { encounters } from './encounters';
import { conditions } from './conditions';
import { allergies } from './allergies';
import { endedFlag, flags } from './flags';
import { carePlans } from './care-plans';
import { acuteMedication, gpMedication, mentalHealthMedication } from './medication-records';
import { labelSensitive } from './sensitive';
import { objectionAtOrganisation, objectionOnRegister } from './consent';
import { RESULTS_PERSON, resultsAndDocuments } from './results';
import { clinicalSummaryExamples } from './clinical-summary';

export type { HardCases, SyntheticPerson, SyntheticWorld } from './types';

export const DEFAULT_SEED = 20261101;
const GENERATED_PEOPLE = 24;
const OBJECTED_ENDPOINT = 'fenland-mh';

/** Who signs records at organisations that are not host systems (display only). */
const STAFF: Record<string, string> = {
  'fenland-mh': 'Sam Okoye, Care Coordinator',
  'ouse-community': 'Julie Fenwick, District Nurse',
  'eastern-ambulance': 'Lee Carter, Paramedic',
  'lea-valley-gp': 'Dr Nadia Rahman',
  'stort-acute': 'Dr Owen Price',
};

export function generateWorld(opts: { seed?: number; topology?: SandboxTopology } = {}): SyntheticWorld {
  const rng = createRng(opts.seed ?? DEFAULT_SEED);
  const topology = opts.topology ?? sandboxTopology();
  const byEndpoint: Record<string, FhirResource[]> = {};
  const nextIds = new Map<string, (t: string) => string>();
  const authors = new Map<string, Reference>();
  for (const e of topology.endpoints) {
    byEndpoint[e.id] = [organisation(e)];
    nextIds.set(e.id, idFactory(e, rng.fork(`ids:${e.id}`)));
    authors.set(e.id, { display: STAFF[e.id] ?? e.organisationName });
  }
  for (const host of topology.hosts) {
    const endpoint = topology.endpoints.find((e) => e.id === host.endpointId) as SandboxEndpoint;
    byEndpoint[endpoint.id]?.push(...hostUser(host, endpoint));
    const u = host.user;
    authors.set(endpoint.id, { reference: `Practitioner/${u.practitionerId}`, display: `${u.prefix} ${u.given} ${u.family}` });
  }

  const h = HAND_WRITTEN;
  const taken = new Set(Object.values(h).map((p) => p.key));
  const peopleRng = rng.fork('people');
  const plans: PersonPlan[] = [h.typical, h.sixOrganisations, h.largeRecord, h.dobMismatch, h.sensitive, h.objection, h.deceased, h.sparse];
  for (let i = 0; i < GENERATED_PEOPLE; i++) plans.push(generatedPlan(peopleRng, taken));
  // After the generated people, so that their NHS numbers and ids stay as they were.
  plans.push(RESULTS_PERSON);
  // A region (SANDBOX_ENDPOINTS above 8): after everyone else, so the first eight organisations' world is unchanged.
  const region = regionPlans(rng.fork('region'), topology, taken);
  plans.push(...region.plans);
  const nhsNumbers = syntheticNhsNumbers(plans.length);

  const people: SyntheticPerson[] = [];
  const objectionRegister: SyntheticWorld['objectionRegister'] = [];
  plans.forEach((plan, index) => {
    const prng = rng.fork(`person:${plan.key}`);
    const gpId = plan.registeredAt ?? (plan.region === 'cambs' ? 'riverside-gp' : 'lea-valley-gp');
    const gp = topology.endpoints.find((e) => e.id === gpId) as SandboxEndpoint;
    const demo: Demographics = {
      nhsNumber: nhsNumbers[index] as string,
      address: ukAddress(prng, plan.region),
      landline: landline(prng),
      ...(prng.chance(0.7) ? { mobile: mobile(prng) } : {}),
      generalPractitioner: organisationIdentifierRef(gp),
    };
    const person: SyntheticPerson = {
      key: plan.key, nhsNumber: demo.nhsNumber, family: plan.family, given: plan.given,
      birthDate: plan.birthDate, gender: plan.gender, patientIds: {},
    };
    for (const endpoint of topology.endpoints) {
      const count = plan.contacts[endpoint.id];
      if (count === undefined) continue;
      const list = byEndpoint[endpoint.id] as FhirResource[];
      const nextId = nextIds.get(endpoint.id) as (t: string) => string;
      const patientId = nextId('Patient');
      person.patientIds[endpoint.id] = patientId;
      const own: FhirResource[] = [];
      const ctx: RecordContext = {
        rng: prng.fork(endpoint.id),
        endpoint, plan, patientId,
        subject: { reference: `Patient/${patientId}`, display: `${plan.family.toUpperCase()}, ${plan.given} (${plan.prefix})` },
        organisation: organisationRef(endpoint),
        author: authors.get(endpoint.id) as Reference,
        nextId,
        add: (r) => (own.push(r), r),
      };
      ctx.add(patientAt(endpoint, patientId, plan, demo, plan.birthDateAt?.[endpoint.id]));
      buildRecord(ctx, count, plan === h.largeRecord ? 60 : prng.int(2, 5));
      if (plan === h.sensitive) labelSensitive(ctx, own);
      if (plan === RESULTS_PERSON) resultsAndDocuments(ctx);
      if (plan === h.typical) clinicalSummaryExamples(ctx);
      if (plan === h.objection && endpoint.id === OBJECTED_ENDPOINT) {
        const at = '2025-06-10T10:30:00Z';
        ctx.add(objectionAtOrganisation(nextId('Consent'), patientId, endpoint, at));
        objectionRegister.push(objectionOnRegister(`objection-${demo.nhsNumber}`, demo.nhsNumber, `${plan.family.toUpperCase()}, ${plan.given}`, endpoint, at));
      }
      list.push(...own);
    }
    people.push(person);
  });

  const cases: HardCases = {
    sixOrganisations: h.sixOrganisations.key, largeRecord: h.largeRecord.key, dobMismatch: h.dobMismatch.key,
    sensitive: h.sensitive.key, objection: h.objection.key, deceased: h.deceased.key, sparse: h.sparse.key,
    results: RESULTS_PERSON.key,
    ...(region.knownToFive ? { knownToFive: region.knownToFive.key } : {}),
  };
  return { byEndpoint, people, cases, objectionRegister };
}

/** One person's record at one organisation, in the shape that kind of organisation keeps. */
function buildRecord(ctx: RecordContext, contactCount: number, issuesPerMedicine: number): void {
  const contacts = encounters(ctx, contactCount);
  if (ctx.plan.minimal) return;
  conditions(ctx);
  allergies(ctx);
  flags(ctx);
  if (ctx.endpoint.kind === 'community-health' && ctx.rng.chance(0.5)) {
    endedFlag(ctx, 'Pressure ulcer risk: grade 2 sacral pressure ulcer, now healed', ctx.rng.int(300, 900), ctx.rng.int(30, 250));
  }
  carePlans(ctx, contacts);
  if (ctx.endpoint.kind === 'gp-practice') gpMedication(ctx, issuesPerMedicine);
  if (ctx.endpoint.kind === 'acute-hospital') acuteMedication(ctx, contacts);
  if (ctx.endpoint.kind === 'mental-health') mentalHealthMedication(ctx);
}

