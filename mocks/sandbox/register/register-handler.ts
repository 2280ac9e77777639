/**
 * The region's objection register as a FHIR server: patients' objections to sharing as
 * Consent resources that name the patient by NHS number and the organisation by ODS code
 * (it holds no Patient or Organization of its own). Searched with the `:identifier`
 * modifier on `patient` (FHIR R4 search.html#reference), which the sandbox's medplum
 * engine does not do for logical references, so this small server does it itself.
 * Read-only; a token with `user/Consent.rs` (or `user/*.rs`) for this base is required.
 * A batch of GET entries at the base is answered entry by entry (FHIR R4
 * http.html#transaction), as a real FHIR server would.
 */
import type { Bundle, BundleEntry, CapabilityStatement, Consent } from 'fhir/r4';
import type { AccessTokenVerifier } from '../auth/verify';
import { smartConfiguration } from '../auth/smart-configuration';
import { outcome } from '../fhir/outcome';
import { fhirResponse, requireScope, searchset, serviceHandler } from '../fhir/service-kit';
import type { SandboxTopology } from '../topology';

function capability(baseUrl: string): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement', status: 'active', date: '2026-11-01', kind: 'instance', fhirVersion: '4.0.1', format: ['application/fhir+json'],
    implementation: { description: 'Regional objection register (sandbox)', url: baseUrl },
    rest: [{
      mode: 'server',
      security: { cors: true, service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' }] }] },
      resource: [{ type: 'Consent', interaction: [{ code: 'read' }, { code: 'search-type' }], searchParam: [{ name: 'patient', type: 'reference' }, { name: 'status', type: 'token' }] }],
      interaction: [{ code: 'batch' }],
    }],
  };
}

const ALLOWED = new Set(['patient:identifier', 'status', '_count']);

export function createRegisterHandler(opts: { topology: SandboxTopology; consents: readonly Consent[]; verify?: AccessTokenVerifier }) {
  const baseUrl = opts.topology.objectionRegister.baseUrl;
  return serviceHandler(
    { baseUrl, appOrigin: opts.topology.appOrigin, capability: capability(baseUrl), smartConfiguration: smartConfiguration(opts.topology), verify: opts.verify },
    async (r) => {
      const send = (status: number, body: unknown) => fhirResponse(status, body, r.cors);
      if (r.req.method === 'POST' && r.path === '') {
        const bundle = (await r.req.json().catch(() => undefined)) as Bundle | undefined;
        if (bundle?.resourceType !== 'Bundle' || bundle.type !== 'batch') return send(400, outcome('invalid', 'POST at the base expects a batch Bundle of GET entries'));
        const entry = (bundle.entry ?? []).map((e): BundleEntry => {
          const url = e.request?.url ?? '';
          if (e.request?.method !== 'GET') return { response: { status: '405 Method Not Allowed', outcome: outcome('not-supported', 'The objection register is read-only') } };
          const [path = '', query = ''] = url.replace(/^\/+/, '').split('?');
          if (path === 'metadata') return { resource: capability(baseUrl), response: { status: '200 OK' } };
          const refused = path === 'Consent' ? requireScope(r, 'Consent', 's') : undefined;
          if (refused) return { response: { status: `${refused.status}` } };
          const answer = get(path, new URL(`${baseUrl}/${path}?${query}`));
          return answer.status === 200 ? { resource: answer.body as never, response: { status: '200 OK' } } : { response: { status: `${answer.status}`, outcome: answer.body as never } };
        });
        return send(200, { resourceType: 'Bundle', type: 'batch-response', entry });
      }
      if (r.req.method !== 'GET') return send(405, outcome('not-supported', 'The objection register is read-only'));
      if (r.path === 'Consent') {
        const refused = requireScope(r, 'Consent', 's');
        if (refused) return refused;
      }
      const read = /^Consent\/([A-Za-z0-9\-.]{1,64})$/.exec(r.path);
      if (read) {
        const refused = requireScope(r, 'Consent', 'r');
        if (refused) return refused;
      }
      const answer = get(r.path, r.url);
      return send(answer.status, answer.body);
    },
  );

  /** A search or read of the register, as a status and a body. */
  function get(path: string, url: URL): { status: number; body: unknown } {
    if (path === 'Consent') {
      const params = url.searchParams;
      const unknown = [...params.keys()].find((k) => !ALLOWED.has(k));
      if (unknown) return { status: 400, body: outcome('invalid', `Unknown or unsupported search parameter "${unknown}": search by patient:identifier and status`) };
      const token = params.get('patient:identifier');
      if (!token) return { status: 400, body: outcome('invalid', 'Search the register by patient:identifier=https://fhir.nhs.uk/Id/nhs-number|<NHS number>') };
      const [system, value] = token.includes('|') ? token.split('|', 2) : ['', token];
      const status = params.get('status');
      const found = opts.consents.filter((c) => {
        const id = c.patient?.identifier;
        return id?.value === value && (!system || id?.system === system) && (!status || c.status === status);
      });
      return { status: 200, body: searchset(baseUrl, url.href, found) };
    }
    const read = /^Consent\/([A-Za-z0-9\-.]{1,64})$/.exec(path);
    if (read) {
      const found = opts.consents.find((c) => c.id === read[1]);
      return found ? { status: 200, body: found } : { status: 404, body: outcome('not-found', `Consent/${read[1]} is not known`) };
    }
    return { status: 404, body: outcome('not-found', `No route for ${path}`) };
  }
}
