/**
 * The region's record locator as a FHIR server, in the shape of the NHS National Record
 * Locator (NRL, FHIR R4 DocumentReference pointers): one DocumentReference per
 * organisation holding records for a person, `subject.identifier` the NHS number and
 * `custodian.identifier` the organisation's ODS code, searched with
 * `DocumentReference?subject:identifier=https://fhir.nhs.uk/Id/nhs-number|<NHS number>`,
 * or the same parameters as a form POSTed to `DocumentReference/_search`.
 * The index is what the region keeps: it is built from every endpoint's Patients, so it
 * names exactly the organisations that know the person. Read-only; a token with
 * `user/DocumentReference.rs` (or `user/*.rs`) for this base is required.
 */
import type { CapabilityStatement, DocumentReference, FhirResource, Patient } from 'fhir/r4';
import type { AccessTokenVerifier } from '../auth/verify';
import { smartConfiguration } from '../auth/smart-configuration';
import { outcome } from '../fhir/outcome';
import { fhirResponse, requireScope, searchset, serviceHandler } from '../fhir/service-kit';
import type { SandboxTopology } from '../topology';

export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';
export const ODS_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';

function capability(baseUrl: string): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement', status: 'active', date: '2026-11-01', kind: 'instance', fhirVersion: '4.0.1', format: ['application/fhir+json'],
    implementation: { description: 'Regional record locator (sandbox, National Record Locator shape)', url: baseUrl },
    rest: [{
      mode: 'server',
      security: { cors: true, service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' }] }] },
      resource: [{ type: 'DocumentReference', interaction: [{ code: 'search-type' }], searchParam: [{ name: 'subject', type: 'reference' }] }],
    }],
  };
}

/** One pointer per (NHS number, organisation) where that organisation's endpoint holds a Patient with the number. */
export function locatorIndex(topology: SandboxTopology, byEndpoint: Record<string, readonly FhirResource[]>): DocumentReference[] {
  const pointers: DocumentReference[] = [];
  for (const endpoint of topology.endpoints) {
    const numbers = new Set<string>();
    for (const r of byEndpoint[endpoint.id] ?? []) {
      if (r.resourceType !== 'Patient') continue;
      for (const id of (r as Patient).identifier ?? []) if (id.system === NHS_NUMBER_SYSTEM && id.value) numbers.add(id.value.replace(/ /g, ''));
    }
    for (const nhsNumber of numbers) {
      pointers.push({
        resourceType: 'DocumentReference',
        id: `${endpoint.odsCode}-${nhsNumber}`,
        status: 'current',
        type: { coding: [{ system: 'http://snomed.info/sct', code: '824321000000109', display: 'Summary record' }] },
        subject: { identifier: { system: NHS_NUMBER_SYSTEM, value: nhsNumber } },
        custodian: { identifier: { system: ODS_SYSTEM, value: endpoint.odsCode }, display: endpoint.organisationName },
        content: [{ attachment: { contentType: 'application/fhir+json', url: endpoint.baseUrl } }],
      });
    }
  }
  return pointers;
}

const ALLOWED = new Set(['subject:identifier', '_count']);

export function createLocatorHandler(opts: { topology: SandboxTopology; pointers: readonly DocumentReference[]; verify?: AccessTokenVerifier }) {
  const baseUrl = opts.topology.recordLocator.baseUrl;
  return serviceHandler(
    { baseUrl, appOrigin: opts.topology.appOrigin, capability: capability(baseUrl), smartConfiguration: smartConfiguration(opts.topology), verify: opts.verify },
    async (r) => {
      const send = (status: number, body: unknown) => fhirResponse(status, body, r.cors);
      // A search by GET, or by POST to _search with the parameters as a form (FHIR R4 http §3.1.1.4). Nothing is written.
      const post = r.req.method === 'POST' && r.path === 'DocumentReference/_search';
      if (r.req.method !== 'GET' && !post) return send(405, outcome('not-supported', 'The record locator is read-only'));
      if (r.path !== 'DocumentReference' && !post) return send(404, outcome('not-found', `No route for ${r.path}`));
      const refused = requireScope(r, 'DocumentReference', 's');
      if (refused) return refused;
      if (post && !(r.req.headers.get('content-type') ?? '').startsWith('application/x-www-form-urlencoded')) {
        return send(415, outcome('not-supported', 'Send the search parameters as application/x-www-form-urlencoded'));
      }
      const params = post ? new URLSearchParams(await r.req.text()) : r.url.searchParams;
      const unknown = [...params.keys()].find((k) => !ALLOWED.has(k));
      if (unknown) return send(400, outcome('invalid', `Unknown or unsupported search parameter "${unknown}": search by subject:identifier`));
      const token = params.get('subject:identifier');
      if (!token || !token.includes('|')) return send(400, outcome('invalid', `Search the locator by subject:identifier=${NHS_NUMBER_SYSTEM}|<NHS number>`));
      const [system, value] = token.split('|', 2);
      const found = opts.pointers.filter((d) => d.subject?.identifier?.system === system && d.subject?.identifier?.value === value);
      return send(200, searchset(baseUrl, post ? `${baseUrl}/DocumentReference?${params.toString()}` : r.url.href, found));
    },
  );
}
