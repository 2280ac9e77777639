import { useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { AppConfiguration } from '../config/types';
import { ErrorNotice, Loading } from '../components/states';
import type { AuditSession } from '../domain/audit/audit-types';
import { auditUser } from '../domain/audit/audit-user';
import { mayOverride, mayReveal, rolePolicy } from '../domain/policy/access-policy';
import type { RevealNote } from '../domain/policy/shown-note';
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
import { REGISTER_SERVICE_ID, type GovernanceAccesses } from '../smart/governance-accesses';
import { prefetchProbes } from '../features/sources';
import { launchReadActivity, serverOf } from './audit-servers';
import { ObjectionRegisterGate } from './objection-register-gate';
import type { RecordGovernance } from './record-governance';
import { sessionQueries } from './session.queries';
import { createDocumentOpener } from './open-document';
import { endpointTransport } from '../smart/endpoint-transport';

/**
 * The record view (sections, timeline, virtualised lists, retrieval) is not needed until
 * the permission is recorded: it is fetched while the user reads the question
 * (loadMergedRecord on mount), so the first page load carries only the question.
 */
const loadMergedRecord = () => import('./merged-record');
const MergedRecord = lazy(() => loadMergedRecord().then((m) => ({ default: m.MergedRecord })));

export interface GovernedRecordProps {
  session: SmartSession;
  config: AppConfiguration;
  accesses: ReadonlyMap<string, EndpointAccess>;
  governanceAccesses: GovernanceAccesses;
  identity: PatientIdentity;
  /** The patient has died: the basis question is the access policy's one for after death. */
  deceased?: boolean;
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
      <ErrorNotice title="No records are shown: no audit service is set up">
        Every access to a care record must be recorded, and this viewer has no audit service to record it in (the
        &ldquo;audit&rdquo; entry of its configuration), so it shows no record, not even this organisation&rsquo;s. Ask your
        IT service desk.
      </ErrorNotice>
    );
  }
  return <AuditedViewing {...props} audit={{ access: audit, service: props.config.audit }} />;
}

function AuditedViewing({ session, config, accesses, governanceAccesses, identity, deceased = false, now, audit }: GovernedRecordProps & { audit: { access: EndpointAccess; service: NonNullable<AppConfiguration['audit']> } }) {
  const queryClient = useQueryClient();
  const newTrail = () => {
    const client = createAuditClient({ baseUrl: audit.service.fhirBaseUrl, access: audit.access, timeoutMs: audit.service.timeoutMs });
    return { auditClient: client, trail: createAuditTrail({ client, now }) };
  };
  const [{ trail, auditClient }, setTrail] = useState(newTrail);
  const trailState = useAuditTrailState(trail);
  const user = useQuery(sessionQueries.user(session));
  const [basis, setBasis] = useState<PermissionBasis>();
  const [overrides, setOverrides] = useState<RecordGovernance['overrides']>(new Map());
  const [revealed, setRevealed] = useState<ReadonlyMap<string, RevealNote>>(new Map());

  // Signing in asks for no patient data, so it may happen while the user decides; so may loading the record view.
  useEffect(() => {
    void loadMergedRecord().catch(() => undefined);
  }, []);
  // Each endpoint and the register: signed in, then probed (a batch of `metadata` at the base,
  // no patient data), so that the connections and the CORS preflights of the record's
  // requests are paid before the decision (docs/adr/0005). The audit service likewise.
  useEffect(() => {
    prefetchProbes(queryClient, config.endpoints, accesses);
    const register = config.objectionRegister;
    if (register && governanceAccesses.register) {
      prefetchProbes(queryClient, [{ ...register, id: REGISTER_SERVICE_ID }], new Map([[REGISTER_SERVICE_ID, governanceAccesses.register]]));
    }
    void auditClient.warm();
  }, [queryClient, config.endpoints, config.objectionRegister, auditClient, governanceAccesses.register, accesses]);

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
      odsCodes: config.endpoints.map((e) => e.odsCode),
      overridden: new Set(overrides.keys()),
      purposeOfUse: auditSession.purposeOfUse,
      transport: (endpoint, purpose, plain) => auditedTransport({ plain, trail, session: auditSession, server: serverOf(endpoint), purpose }),
    },
    async override(endpointId, reason, explanation) {
      const endpoint = config.endpoints.find((e) => e.id === endpointId);
      if (!endpoint || !mayOverride(role, policy)) throw new Error('This override is not allowed');
      await trail.record(auditSession, [{ kind: 'override', server: serverOf(endpoint), reason, explanation }]);
      setOverrides((prev) => new Map(prev).set(endpointId, { reason, explanation, by: auditSession.user.name ?? 'you', at: now().toISOString() }));
    },
    async reveal(endpointId, explanation, records) {
      const endpoint = config.endpoints.find((e) => e.id === endpointId);
      if (!endpoint || !mayReveal(role, policy)) throw new Error('This reveal is not allowed');
      const items = records.map((r) => `${endpoint.fhirBaseUrl}/${r.original.resourceType}/${r.original.id ?? ''}`);
      await trail.record(auditSession, [{ kind: 'reveal', server: serverOf(endpoint), explanation, items }]);
      const note: RevealNote = { by: auditSession.user.name ?? 'you', at: now().toISOString(), reason: explanation };
      setRevealed((prev) => {
        const next = new Map(prev);
        for (const r of records) next.set(r.key, note);
        return next;
      });
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
  }), [role, policy, revealed, overrides, auditSession, trail, config, accesses, now]);

  if (trailState.state === 'failed') {
    // Try again: a new trail, and the basis for viewing asked (and recorded) again before anything is retrieved.
    const tryAgain = () => {
      setBasis(undefined);
      setOverrides(new Map());
      setRevealed(new Map());
      setTrail(newTrail());
    };
    return <AuditFailedNotice reason={trailState.reason} onRetry={tryAgain} />;
  }
  if (!basis) {
    return (
      <PermissionForm
        waiting={user.isPending}
        deceased={deceased}
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
      <ObjectionRegisterGate config={config} access={governanceAccesses.register} identity={identity} trail={trail} session={auditSession} mayOverride={policy.overrideObjection}>
        {(registerConsents) => (
          <Suspense fallback={<Loading>Opening the record…</Loading>}>
          <MergedRecord
            identity={identity}
            config={config}
            accesses={accesses}
            now={now}
            governance={{ ...governance, sources: { ...governance.sources, registerConsents } }}
          />
          </Suspense>
        )}
      </ObjectionRegisterGate>
    </>
  );
}
