import { useQuery } from '@tanstack/react-query';
import { useMemo, type ReactNode } from 'react';
import type { AppConfiguration } from '../config/types';
import { ErrorNotice, Loading } from '../components/states';
import type { AuditSession } from '../domain/audit/audit-types';
import type { PatientIdentity } from '../domain/patient-identity';
import { auditedTransport, registerQueries, type AuditTrail } from '../features/governance';
import type { EndpointAccess } from '../smart/endpoint-access';
import { endpointTransport } from '../smart/endpoint-transport';
import { REGISTER_SERVICE_ID } from '../smart/governance-accesses';

export interface ObjectionRegisterGateProps {
  config: AppConfiguration;
  access?: EndpointAccess;
  identity: PatientIdentity;
  trail: AuditTrail;
  session: AuditSession;
  children: (registerConsents: readonly unknown[]) => ReactNode;
}

const NONE: readonly unknown[] = [];

/**
 * Nothing is asked of any organisation until the region's objection register has
 * answered (audited like every query): an objection held only there must be honoured
 * before any record is requested. A register that cannot be read stops the record, with
 * a retry; without a configured register only each organisation's own Consents are checked.
 */
export function ObjectionRegisterGate({ config, access, identity, trail, session, children }: ObjectionRegisterGateProps) {
  const service = config.objectionRegister;
  const transport = useMemo(
    () =>
      service && access
        ? auditedTransport({
            plain: (headers) => endpointTransport(service, access, { headers }),
            trail,
            session,
            server: { endpointId: REGISTER_SERVICE_ID, name: 'Objection register', baseUrl: service.fhirBaseUrl },
            purpose: session.purposeOfUse,
          })
        : undefined,
    [service, access, trail, session],
  );
  const query = useQuery({
    ...registerQueries.consents({ nhsNumber: identity.nhsNumber, access: access as EndpointAccess, transport: transport!, timeoutMs: service?.timeoutMs ?? 0 }),
    enabled: transport !== undefined,
  });
  if (!transport) {
    return (
      <>
        <p className="governance-basis">No objection register is set up: only each organisation’s own record of the patient’s objections is checked.</p>
        {children(NONE)}
      </>
    );
  }
  if (query.isPending) return <Loading>Checking the patient’s objections to sharing…</Loading>;
  if (query.isError) {
    return (
      <ErrorNotice
        title="Records from other organisations are not shown"
        action={
          <button type="button" onClick={() => void query.refetch()} disabled={query.isFetching}>
            Try again
          </button>
        }
      >
        {`The objection register could not be checked, so the patient’s objections to sharing are not known. ${query.error.message}.`}
      </ErrorNotice>
    );
  }
  return <>{children(query.data)}</>;
}
