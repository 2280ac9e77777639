/**
 * What every record builder needs to write one person's record at one organisation:
 * the endpoint, the person's Patient.id there, references to the organisation and the
 * author, an id factory and a place to put the resources.
 */
import type { Coding, FhirResource, Reference, Resource } from 'fhir/r4';
import type { SandboxEndpoint } from '../sandbox/topology';
import type { PersonPlan } from './plans';
import type { Rng } from './prng';

export interface RecordContext {
  rng: Rng;
  endpoint: SandboxEndpoint;
  plan: PersonPlan;
  patientId: string;
  subject: Reference;
  organisation: Reference;
  /** Who signs things at this organisation (the host user where there is one). */
  author: Reference;
  nextId(resourceType: string): string;
  add<T extends FhirResource>(resource: T): T;
}

const SHORT: Record<string, string> = {
  Encounter: 'enc', MedicationRequest: 'mr', MedicationStatement: 'ms', Medication: 'med', Condition: 'cond',
  AllergyIntolerance: 'alg', Flag: 'flag', CarePlan: 'cp', Consent: 'consent', Patient: 'pat',
};

/**
 * Ids in each organisation's own style: acute trusts use UUIDs, others counters with
 * their own prefixes. Ids repeat across endpoints on purpose (enc-000001 exists at
 * several), as they do between real servers: the viewer must key by endpoint too.
 */
export function idFactory(endpoint: SandboxEndpoint, rng: Rng): (resourceType: string) => string {
  const counters = new Map<string, number>();
  const uuid = () => `${rng.hex(8)}-${rng.hex(4)}-4${rng.hex(3)}-${'89ab'[rng.int(0, 3)]}${rng.hex(3)}-${rng.hex(12)}`;
  return (resourceType) => {
    if (endpoint.kind === 'acute-hospital') return uuid();
    const n = (counters.get(resourceType) ?? 0) + 1;
    counters.set(resourceType, n);
    if (resourceType === 'Patient') return patientIdStyle(endpoint, n);
    return `${SHORT[resourceType] ?? resourceType.toLowerCase()}-${String(n).padStart(6, '0')}`;
  };
}

function patientIdStyle(endpoint: SandboxEndpoint, n: number): string {
  switch (endpoint.kind) {
    case 'gp-practice':
      return `${endpoint.odsCode.toLowerCase()}-${String(n + 1000)}`;
    case 'mental-health':
      return `MH${String(n + 200_000).padStart(7, '0')}`;
    case 'community-health':
      return `c-${n + 50_000}`;
    case 'social-care':
      return `ASC${String(n + 3_000_000)}`;
    case 'ambulance':
      return `epr-${String(n).padStart(8, '0')}`;
    default:
      return `patient-${n}`;
  }
}

/** Labels every resource in a list with the given security codings (kept unique). */
export function label(resources: Resource[], codings: Coding[]): void {
  for (const r of resources) {
    const security = (r.meta ??= {}).security ?? [];
    for (const c of codings) {
      if (!security.some((s) => s.system === c.system && s.code === c.code)) security.push({ ...c });
    }
    r.meta.security = security;
  }
}
