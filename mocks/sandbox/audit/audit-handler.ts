/**
 * The regional audit repository as a FHIR server (WHATWG Request → Response, like the
 * regional endpoints): create AuditEvents (`POST AuditEvent`, 201 with Location; or a
 * batch of creates at the base) with a token whose scope allows `user/AuditEvent.c`,
 * kept in memory (audit-store.ts) and searchable with `user/AuditEvent.rs`. It never
 * updates or deletes: an audit trail is append-only.
 */
import type { Bundle, BundleEntry, CapabilityStatement } from 'fhir/r4';
import type { AccessTokenVerifier } from '../auth/verify';
import { smartConfiguration } from '../auth/smart-configuration';
import { outcome } from '../fhir/outcome';
import { fhirResponse, requireScope, searchset, serviceHandler } from '../fhir/service-kit';
import type { SandboxTopology } from '../topology';
import { auditEventProblem, type AuditStore } from './audit-store';

function capability(baseUrl: string): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement', status: 'active', date: '2026-11-01', kind: 'instance', fhirVersion: '4.0.1', format: ['application/fhir+json'],
    implementation: { description: 'Regional audit repository (sandbox)', url: baseUrl },
    rest: [{
      mode: 'server',
      security: { cors: true, service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' }] }] },
      resource: [{
        type: 'AuditEvent', interaction: [{ code: 'create' }, { code: 'read' }, { code: 'search-type' }],
        searchParam: ['entity', 'patient', 'agent', 'subtype', 'type', 'outcome', 'date'].map((name) => ({ name, type: name === 'date' ? 'date' as const : 'token' as const })),
      }],
      interaction: [{ code: 'batch' }],
    }],
  };
}

export function createAuditHandler(opts: { topology: SandboxTopology; store: AuditStore; verify?: AccessTokenVerifier; now?: () => Date }) {
  const baseUrl = opts.topology.audit.baseUrl;
  const now = opts.now ?? (() => new Date());
  return serviceHandler(
    { baseUrl, appOrigin: opts.topology.appOrigin, capability: capability(baseUrl), smartConfiguration: smartConfiguration(opts.topology), verify: opts.verify },
    async (r) => {
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => fhirResponse(status, body, { ...r.cors, ...headers });
      if (r.req.method === 'POST' && (r.path === 'AuditEvent' || r.path === '')) {
        const refused = requireScope(r, 'AuditEvent', 'c');
        if (refused) return refused;
        const body = (await r.req.json().catch(() => undefined)) as unknown;
        if (r.path === 'AuditEvent') {
          const problem = auditEventProblem(body);
          if (problem) return send(400, outcome('invalid', problem));
          const stored = opts.store.add(body as never, now());
          return send(201, stored, { location: `${baseUrl}/AuditEvent/${stored.id}/_history/1` });
        }
        const bundle = body as Bundle | undefined;
        if (bundle?.resourceType !== 'Bundle' || bundle.type !== 'batch') return send(400, outcome('invalid', 'POST at the base expects a batch Bundle'));
        // Every entry is checked before any is stored, so a bad batch stores nothing.
        const entries = bundle.entry ?? [];
        const problems = entries.map((e) => (e.request?.method !== 'POST' || e.request.url !== 'AuditEvent' ? 'Only POST AuditEvent entries are accepted' : auditEventProblem(e.resource)));
        if (problems.some(Boolean)) {
          const entry: BundleEntry[] = problems.map((p) => ({ response: { status: p ? '400 Bad Request' : '409 Conflict', outcome: outcome('invalid', p ?? 'Not stored: another entry was refused') } }));
          return send(200, { resourceType: 'Bundle', type: 'batch-response', entry });
        }
        const at = now();
        const entry = entries.map((e): BundleEntry => {
          const stored = opts.store.add(e.resource as never, at);
          return { response: { status: '201 Created', location: `AuditEvent/${stored.id}/_history/1` } };
        });
        return send(200, { resourceType: 'Bundle', type: 'batch-response', entry });
      }
      if (r.req.method === 'GET' && r.path === 'AuditEvent') {
        const refused = requireScope(r, 'AuditEvent', 's');
        if (refused) return refused;
        try {
          return send(200, searchset(baseUrl, r.url.href, opts.store.search(r.url.searchParams)));
        } catch (e) {
          return send(400, outcome('invalid', (e as Error).message));
        }
      }
      const read = /^AuditEvent\/([A-Za-z0-9\-.]{1,64})$/.exec(r.path);
      if (r.req.method === 'GET' && read) {
        const refused = requireScope(r, 'AuditEvent', 'r');
        if (refused) return refused;
        const found = opts.store.byId(read[1]!);
        return found ? send(200, found) : send(404, outcome('not-found', `AuditEvent/${read[1]} is not known`));
      }
      return send(405, outcome('not-supported', 'The audit repository accepts POST AuditEvent and searches of AuditEvent only'));
    },
  );
}
