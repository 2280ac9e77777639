/**
 * The region's objection register as a FHIR server: patients' objections to sharing as
 * Consent resources that name the patient by NHS number and the organisation by ODS code
 * (it holds no Patient or Organization of its own). Searched with the `:identifier`
 * modifier on `patient` (FHIR R4 search.html#reference), which the sandbox's medplum
 * engine does not do for logical references, so this small server does it itself.
 * Read-only; a token with `user/Consent.rs` (or `user/*.rs`) for this base is required.
 */
import type { CapabilityStatement, Consent } from 'fhir/r4';
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
      if (r.req.method !== 'GET') return send(405, outcome('not-supported', 'The objection register is read-only'));
      if (r.path === 'Consent') {
        const refused = requireScope(r, 'Consent', 's');
        if (refused) return refused;
        const params = r.url.searchParams;
        const unknown = [...params.keys()].find((k) => !ALLOWED.has(k));
        if (unknown) return send(400, outcome('invalid', `Unknown or unsupported search parameter "${unknown}": search by patient:identifier and status`));
        const token = params.get('patient:identifier');
        if (!token) return send(400, outcome('invalid', 'Search the register by patient:identifier=https://fhir.nhs.uk/Id/nhs-number|<NHS number>'));
        const [system, value] = token.includes('|') ? token.split('|', 2) : ['', token];
        const status = params.get('status');
        const found = opts.consents.filter((c) => {
          const id = c.patient?.identifier;
          return id?.value === value && (!system || id?.system === system) && (!status || c.status === status);
        });
        return send(200, searchset(baseUrl, r.url.href, found));
      }
      const read = /^Consent\/([A-Za-z0-9\-.]{1,64})$/.exec(r.path);
      if (read) {
        const refused = requireScope(r, 'Consent', 'r');
        if (refused) return refused;
        const found = opts.consents.find((c) => c.id === read[1]);
        return found ? send(200, found) : send(404, outcome('not-found', `Consent/${read[1]} is not known`));
      }
      return send(404, outcome('not-found', `No route for ${r.path}`));
    },
  );
}
