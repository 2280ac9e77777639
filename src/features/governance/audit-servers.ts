/**
 * The servers the audit trail names (BALP agent 110152), from the configuration, and the
 * launch context read that precedes the permission question: the Patient at the launching
 * system, read to show who the patient is, audited together with the decision.
 */
import type { AppConfiguration, EndpointConfiguration } from '../../config/types';
import type { AuditServer, QueryActivity } from '../../domain/audit/audit-types';
import type { SmartSession } from '../../smart';

export function serverOf(endpoint: Pick<EndpointConfiguration, 'id' | 'organisationName' | 'fhirBaseUrl' | 'odsCode'>): AuditServer {
  return { endpointId: endpoint.id, name: endpoint.organisationName, baseUrl: endpoint.fhirBaseUrl, odsCode: endpoint.odsCode };
}

const trim = (s: string) => s.replace(/\/+$/, '');

export function launchReadActivity(config: AppConfiguration, session: Pick<SmartSession, 'iss' | 'patientId'>): QueryActivity {
  const endpoint = config.endpoints.find((e) => trim(e.fhirBaseUrl) === trim(session.iss));
  const launch = config.launch.find((l) => trim(l.iss) === trim(session.iss));
  const server: AuditServer = endpoint
    ? serverOf(endpoint)
    : { endpointId: launch?.id ?? 'launching-system', name: launch?.name ?? 'The launching clinical system', baseUrl: trim(session.iss) };
  return {
    kind: 'query', interaction: 'read', server, url: `${trim(session.iss)}/Patient/${session.patientId}`,
    localPatientId: session.patientId, outcome: '0', transactionId: crypto.randomUUID(),
  };
}
