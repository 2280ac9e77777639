import type { Patient } from 'fhir/r4';
import { generateWorld } from '../mocks/data/world';
import { sandboxTopology, type SandboxHost } from '../mocks/sandbox/topology';
import { E2E_PORT_BASE } from './ports';

/** The same world and layout the sandbox under test was started with. */
export const topology = sandboxTopology(E2E_PORT_BASE);
export const world = generateWorld();

const NHS = 'https://fhir.nhs.uk/Id/nhs-number';

/** A patient as the host system lists it, with what the banner must show. */
export function patientAt(host: SandboxHost, personKey?: string) {
  const person = personKey
    ? world.people.find((p) => p.key === personKey)
    : world.people.find((p) => p.patientIds[host.endpointId]);
  if (!person) throw new Error(`no person for host ${host.id}`);
  const id = person.patientIds[host.endpointId];
  const patient = (world.byEndpoint[host.endpointId] ?? []).find(
    (r): r is Patient => r.resourceType === 'Patient' && r.id === id,
  );
  if (!patient) throw new Error(`person ${person.key} is not known at ${host.endpointId}`);
  const name = patient.name?.[0];
  const nhs = patient.identifier?.find((i) => i.system === NHS)?.value ?? '';
  return {
    person,
    patient,
    hostListName: `${(name?.family ?? '').toUpperCase()}, ${(name?.given ?? []).join(' ')}`,
    family: (name?.family ?? '').toUpperCase(),
    nhsNumberDisplay: nhs.replace(/^(\d{3})(\d{3})(\d{4})$/, '$1 $2 $3'),
  };
}
