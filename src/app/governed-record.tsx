import { useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useMemo, useState, type ComponentProps } from 'react';
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
import { AUDIT_SERVICE_NAME, LOCATOR_SERVICE_ID, REGISTER_SERVICE_ID, type GovernanceAccesses } from '../smart/governance-accesses';
import { ServiceSignIn, useAccessState } from './service-sign-in';
import { selectEndpoints } from '../domain/record-locator';
import { RecordLocatorGate } from './record-locator-gate';
import { prefetchProbes } from '../features/sources/api/probe-queries';
import { launchReadActivity, serverOf } from './audit-servers';
import { ObjectionRegisterGate } from './objection-register-gate';
import type { RecordGovernance } from './record-governance';
import { sessionQueries } from './session.queries';
import type { DocumentOpenerDeps } from './open-document';
import type { OpenDocument } from '../features/documents';
import { endpointTransport } from '../smart/endpoint-transport';

/**
 * The record view (sections, timeline, virtualised lists, retrieval) is not needed until
 * the permission is recorded: it is fetched while the user reads the question
 * (loadMergedRecord on mount), so the first page load carries only the question.
 */
const loadMergedRecord = () => import('./merged-record');
const MergedRecord = lazy(() => loadMergedRecord().then((m) => ({ default: m.MergedRecord })));

/** Opening a document (open-document.ts) is loaded when a document is first opened, not with the first page. */
function lazyDocumentOpener(deps: DocumentOpenerDeps): OpenDocument {
  let opener: Promise<OpenDocument> | undefined;
  return (doc, signal) => {
    opener ??= import('./open-document').then((m) => m.createDocumentOpener(deps));
    return opener.then((open) => open(doc, signal));
  };
}

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

const AUDIT_SIGN_IN_WHY =
  'The audit service did not sign you in without a window. Every viewing must be recorded there before anything is shown, so sign in to it first.';

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
  const auditAuth = useAccessState(audit.access);
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
  // With a record locator (a region of many organisations) only those known before the
  // question is answered are signed in to and probed: the registered practice and the
  // launching organisation, and the locator itself; the others when the locator names them.
  const launchEndpointId = useMemo(
    () => config.endpoints.find((e) => e.fhirBaseUrl.replace(/\/+$/, '') === session.iss.replace(/\/+$/, ''))?.id,
    [config.endpoints, session.iss],
  );
  useEffect(() => {
    const locator = config.recordLocator && governanceAccesses.locator;
    const early = locator
      ? selectEndpoints({
          endpoints: config.endpoints,
          locator: { state: 'answered', odsCodes: [] },
          ...(identity.registeredPracticeOds ? { registeredPracticeOds: identity.registeredPracticeOds } : {}),
          ...(launchEndpointId ? { launchEndpointId } : {}),
          askEveryone: false,
        }).ask
      : config.endpoints;
    prefetchProbes(queryClient, early, accesses);
    const register = config.objectionRegister;
    if (register && governanceAccesses.register) {
      prefetchProbes(queryClient, [{ ...register, id: REGISTER_SERVICE_ID }], new Map([[REGISTER_SERVICE_ID, governanceAccesses.register]]));
    }
    if (config.recordLocator && governanceAccesses.locator) {
      prefetchProbes(queryClient, [{ ...config.recordLocator, id: LOCATOR_SERVICE_ID }], new Map([[LOCATOR_SERVICE_ID, governanceAccesses.locator]]));
    }
    void auditClient.warm();
  }, [queryClient, config.endpoints, config.objectionRegister, config.recordLocator, auditClient, governanceAccesses.register, governanceAccesses.locator, accesses, identity.registeredPracticeOds, launchEndpointId]);

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
      setOverrides((prev) => new Map(prev).set(endpointId, { reason, explanation }));
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
    openDocument: lazyDocumentOpener({
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
    return (
      <>
        <AuditFailedNotice reason={trailState.reason} onRetry={tryAgain} />
        <ServiceSignIn access={audit.access} name={AUDIT_SERVICE_NAME} why={AUDIT_SIGN_IN_WHY} onSignedIn={tryAgain} />
      </>
    );
  }
  if (!basis) {
    return (
      <>
      <ServiceSignIn access={audit.access} name={AUDIT_SERVICE_NAME} why={AUDIT_SIGN_IN_WHY} />
      <PermissionForm
        waiting={user.isPending}
        deceased={deceased}
        auditSignInNeeded={auditAuth.state === 'sign-in-needed'}
        onRecord={async (b) => {
          const decided = { ...auditSession, purposeOfUse: purposeOfUse(b) };
          await trail.record(decided, [{ kind: 'permission', basis: b }, launchReadActivity(config, session)]);
          setBasis(b);
        }}
      />
      </>
    );
  }
  if (!mayRetrieve(basis)) return <PermissionRefused />;
  return (
    <>
      <PermissionSummary basis={basis} />
      <ObjectionRegisterGate config={config} access={governanceAccesses.register} identity={identity} trail={trail} session={auditSession} mayOverride={policy.overrideObjection}>
        {(registerConsents) => (
          <RecordLocatorGate config={config} access={governanceAccesses.locator} identity={identity} launchEndpointId={launchEndpointId} trail={trail} session={auditSession}>
            {(endpoints) => (
              <Suspense fallback={<Loading>Opening the record…</Loading>}>
                <LocatedRecord
                  endpoints={endpoints}
                  identity={identity}
                  config={config}
                  accesses={accesses}
                  now={now}
                  governance={{ ...governance, sources: { ...governance.sources, registerConsents } }}
                />
              </Suspense>
            )}
          </RecordLocatorGate>
        )}
      </ObjectionRegisterGate>
    </>
  );
}

/** The record from the endpoints the locator gate chose (the configuration narrowed to them, kept stable between renders). */
function LocatedRecord({ endpoints, config, ...rest }: { endpoints: readonly AppConfiguration['endpoints'][number][] } & ComponentProps<typeof MergedRecord>) {
  const narrowed = useMemo(() => ({ ...config, endpoints: [...endpoints] }), [config, endpoints]);
  return <MergedRecord config={narrowed} {...rest} />;
}
