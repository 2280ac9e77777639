import type { Encounter, FhirResource, Patient } from 'fhir/r4';
import type { LaunchStore } from '../launch-store';
import type { SandboxHost, SandboxTopology } from '../topology';
import { endpointById } from '../topology';
import { listenLocal, readBody, sendHtml, sendJson, type RunningServer } from '../http-util';
import { hostPage, type HostPatientRow } from './host-page';

const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';

/**
 * One simulated host system (GP clinical system, hospital EHR or social-care case
 * management), on its own origin, signed in as its own user. It knows only its own
 * organisation's patients, as a real host system does.
 */
export async function startHostSystem(opts: {
  topology: SandboxTopology;
  host: SandboxHost;
  /** The resources held at the host's own FHIR endpoint. */
  resources: FhirResource[];
  launches: LaunchStore;
}): Promise<RunningServer> {
  const { topology, host, launches } = opts;
  const endpoint = endpointById(topology, host.endpointId);
  const patients = opts.resources.filter((r): r is Patient => r.resourceType === 'Patient');
  const rows = patients.map(toRow).sort((a, b) => a.name.localeCompare(b.name));
  const page = hostPage(host, endpoint, rows);
  const known = new Set(patients.map((p) => p.id));
  const currentEncounter = latestInpatientEncounters(opts.resources);

  return listenLocal(
    host.port,
    async (req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (req.method === 'GET' && path === '/') return sendHtml(res, 200, page);
      if (req.method === 'POST' && path === '/launch') {
        let patient: unknown;
        try {
          patient = (JSON.parse(await readBody(req)) as { patient?: unknown }).patient;
        } catch {
          return sendJson(res, 400, { error: 'body must be JSON {"patient": "<id>"}' });
        }
        if (typeof patient !== 'string' || !known.has(patient)) {
          return sendJson(res, 404, { error: 'no such patient in this system' });
        }
        const launch = launches.create({
          patient,
          // A hospital EHR launches inside the current admission; others have none.
          encounter: host.id === 'hospital' ? currentEncounter.get(patient) : undefined,
          needPatientBanner: true,
          userId: host.user.practitionerId,
          iss: endpoint.baseUrl,
        });
        const url = new URL(topology.launchUrl);
        url.searchParams.set('iss', endpoint.baseUrl);
        url.searchParams.set('launch', launch);
        return sendJson(res, 200, { url: url.href });
      }
      sendHtml(res, 404, '<p>Not found</p>');
    },
    `host:${host.id}`,
  );
}

function toRow(p: Patient): HostPatientRow {
  const name = p.name?.[0];
  const nhs = p.identifier?.find((i) => i.system === NHS_NUMBER_SYSTEM)?.value ?? '';
  return {
    id: p.id ?? '',
    name: `${(name?.family ?? '').toUpperCase()}, ${(name?.given ?? []).join(' ')}`,
    birthDate: p.birthDate ?? '',
    nhsNumber: nhs.replace(/^(\d{3})(\d{3})(\d{4})$/, '$1 $2 $3'),
  };
}

/** Patient id -> id of that patient's latest inpatient Encounter at this organisation. */
function latestInpatientEncounters(resources: FhirResource[]): Map<string, string> {
  const best = new Map<string, Encounter>();
  for (const r of resources) {
    if (r.resourceType !== 'Encounter' || r.class?.code !== 'IMP') continue;
    const pid = r.subject?.reference?.replace(/^Patient\//, '');
    if (!pid) continue;
    const prev = best.get(pid);
    if (!prev || (r.period?.start ?? '') > (prev.period?.start ?? '')) best.set(pid, r);
  }
  return new Map([...best].map(([pid, e]) => [pid, e.id ?? '']));
}
