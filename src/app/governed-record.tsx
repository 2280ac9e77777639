import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { AppConfiguration } from '../config/types';
import { ErrorNotice } from '../components/states';
import type { AuditSession } from '../domain/audit/audit-types';
import { auditUser } from '../domain/audit/audit-user';
import { rolePolicy } from '../domain/policy/access-policy';
import { mayRetrieve, purposeOfUse, type PermissionBasis } from '../domain/policy/permission';
import type { PatientIdentity } from '../domain/patient-identity';
import { roleCategory } from '../domain/role';
import {
  AuditFailedNotice,
  auditedTransport,
  createAuditClient,
  createAuditTrail,
  PermissionForm,
  PermissionRefused,
  PermissionSummary,
  useAuditTrailState,
} from '../features/governance';
import type { SmartSession } from '../smart';
import type { EndpointAccess } from '../smart/endpoint-access';
import type { GovernanceAccesses } from '../smart/governance-accesses';
import { launchReadActivity, serverOf } from './audit-servers';
import { MergedRecord } from './merged-record';
import { ObjectionRegisterGate } from './objection-register-gate';
import type { RecordGovernance } from './record-governance';
import { sessionQueries } from './session.queries';
import { createDocumentOpener } from './open-document';
import { endpointTransport } from '../smart/endpoint-transport';

export interface GovernedRecordProps {
  session: SmartSession;
  config: AppConfiguration;
  accesses: ReadonlyMap<string, EndpointAccess>;
  governanceAccesses: GovernanceAccesses;
  identity: PatientIdentity;
  now: () => Date;
}

export const APP_NAME = 'My Care Record viewer';

/**
 * The governed viewing (docs/access-policy.md): without an audit service nothing is
 * retrieved; otherwise the user records the basis for viewing, that decision is stored in
 * the audit trail, and only then is anything asked of any organisation.
 */
export function GovernedRecord(props: GovernedRecordProps) {
  const audit = props.governanceAccesses.audit;
  if (!props.config.audit || !audit) {
    return (
      <ErrorNotice title="Records from other organisations are not shown">
        No audit service is set up for this viewer, and every access to a shared record must be recorded. Ask your IT service desk.
      </ErrorNotice>
    );
  }
  return <AuditedViewing {...props} audit={{ access: audit, service: props.config.audit }} />;
}

function AuditedViewing({ session, config, accesses, governanceAccesses, identity, now, audit }: GovernedRecordProps & { audit: { access: EndpointAccess; service: NonNullable<AppConfiguration['audit']> } }) {
  const queryClient = useQueryClient();
  const [trail] = useState(() =>
    createAuditTrail({ client: createAuditClient({ baseUrl: audit.service.fhirBaseUrl, access: audit.access, timeoutMs: audit.service.timeoutMs }), now }),
  );
  const trailState = useAuditTrailState(trail);
  const user = useQuery(sessionQueries.user(session));
  const [basis, setBasis] = useState<PermissionBasis>();
  const [overrides, setOverrides] = useState<RecordGovernance['overrides']>(new Map());
  const [revealed, setRevealed] = useState<ReadonlySet<string>>(new Set());

  // Signing in asks for no patient data, so it may happen while the user decides.
  useEffect(() => {
    for (const a of [audit.access, governanceAccesses.register, ...accesses.values()]) void a?.authorise().catch(() => undefined);
  }, [audit.access, governanceAccesses.register, accesses]);

  // Fail closed: stop what is in flight and drop every answer from memory.
  useEffect(() => {
    if (trailState.state !== 'failed') return;
    void queryClient.cancelQueries({ queryKey: ['fhir'] });
    queryClient.removeQueries({ queryKey: ['fhir'] });
  }, [trailState, queryClient]);

  const role = roleCategory(user.data?.role);
  const policy = useMemo(() => rolePolicy(config.policy, role), [config.policy, role]);
  const auditSession = useMemo((): AuditSession => {
    const launchEndpoint = config.endpoints.find((e) => e.fhirBaseUrl.replace(/\/+$/, '') === session.iss.replace(/\/+$/, ''));
    return {
      user: auditUser({ fhirUser: session.fhirUser, practitioner: user.data?.practitioner, role: user.data?.role, iss: session.iss, organisationOdsCode: launchEndpoint?.odsCode }),
      app: { clientId: config.clientId, name: APP_NAME, address: window.location.origin },
      patient: { nhsNumber: identity.nhsNumber },
      purposeOfUse: basis ? purposeOfUse(basis) : 'TREAT',
    };
  }, [config, session, user.data, identity.nhsNumber, basis]);

  const governance = useMemo((): RecordGovernance => ({
    role,
    policy,
    revealed,
    overrides,
    sources: {
      registerConsents: [],
      overridden: new Set(overrides.keys()),
      purposeOfUse: auditSession.purposeOfUse,
      transport: (endpoint, purpose, plain) => auditedTransport({ plain, trail, session: auditSession, server: serverOf(endpoint), purpose }),
    },
    async override(endpointId, reason, explanation) {
      const endpoint = config.endpoints.find((e) => e.id === endpointId);
      if (!endpoint || !policy.overrideObjection) throw new Error('This override is not allowed');
      await trail.record(auditSession, [{ kind: 'override', server: serverOf(endpoint), reason, explanation }]);
      setOverrides((prev) => new Map(prev).set(endpointId, { reason, explanation }));
    },
    async reveal(endpointId, explanation, records) {
      const endpoint = config.endpoints.find((e) => e.id === endpointId);
      if (!endpoint || policy.reveal !== 'restricted' || role !== 'clinical') throw new Error('This reveal is not allowed');
      const items = records.map((r) => `${endpoint.fhirBaseUrl}/${r.original.resourceType}/${r.original.id ?? ''}`);
      await trail.record(auditSession, [{ kind: 'reveal', server: serverOf(endpoint), explanation, items }]);
      setRevealed((prev) => new Set(prev).add(endpointId));
    },
    openDocument: createDocumentOpener({
      config, trail, session: auditSession, role, policy, revealed,
      purposeFor: (endpointId) => (overrides.has(endpointId) ? 'BTG' : auditSession.purposeOfUse),
      transportFor: (endpointId, headers) => {
        const endpoint = config.endpoints.find((e) => e.id === endpointId);
        const access = accesses.get(endpointId);
        return endpoint && access ? endpointTransport(endpoint, access, { headers }) : undefined;
      },
    }),
  }), [role, policy, revealed, overrides, auditSession, trail, config, accesses]);

  if (trailState.state === 'failed') return <AuditFailedNotice reason={trailState.reason} />;
  if (!basis) {
    return (
      <PermissionForm
        waiting={user.isPending}
        onRecord={async (b) => {
          const decided = { ...auditSession, purposeOfUse: purposeOfUse(b) };
          await trail.record(decided, [{ kind: 'permission', basis: b }, launchReadActivity(config, session)]);
          setBasis(b);
        }}
      />
    );
  }
  if (!mayRetrieve(basis)) return <PermissionRefused />;
  return (
    <>
      <PermissionSummary basis={basis} />
      <ObjectionRegisterGate config={config} access={governanceAccesses.register} identity={identity} trail={trail} session={auditSession}>
        {(registerConsents) => (
          <MergedRecord
            identity={identity}
            config={config}
            accesses={accesses}
            now={now}
            governance={{ ...governance, sources: { ...governance.sources, registerConsents } }}
          />
        )}
      </ObjectionRegisterGate>
    </>
  );
}
