import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, type ComponentProps } from 'react';
import { preloadable } from '../components/preloadable';
import type { AppConfiguration, EndpointConfiguration } from '../config/types';
import type { AuditSession } from '../domain/audit/audit-types';
import { ErrorNotice, Loading } from '../components/states';
import { mayRetrieve } from '../domain/policy/permission';
import { concealedEndpoints } from '../domain/policy/access-policy';
import type { PatientIdentity } from '../domain/patient-identity';
import type { FhirTransport } from '../fhir/types';
import {
  AuditFailedNotice,
  ObjectionRegisterGate,
  PermissionForm,
  registerCheck,
  type DecidedBasis,
  PermissionRefused,
  PermissionSummary,
  ServiceSignIn,
  serverOf,
  type AuditTrail,
  useAccessState,
  useGovernedViewing,
} from '../features/governance';
import type { SmartSession } from '../smart';
import type { EndpointAccess } from '../smart/endpoint-access';
import { AUDIT_SERVICE_NAME, LOCATOR_SERVICE_ID, REGISTER_SERVICE_ID, type GovernanceAccesses } from '../smart/governance-accesses';
import { knownBeforeLocator, likelyToBeNamed, LOCATOR_RESOURCE } from '../domain/record-locator';
import { RecordLocatorGate } from './record-locator-gate';
import { prefetchProbes, probeQuery, warmUnlessProbed } from '../features/sources/api/probe-queries';
import type { UseSourceResultsInput } from '../features/sources';
import { sourceKeys } from '../features/sources/api/source-keys';
import type { RecordGovernance } from './record-governance';
import { sessionQueries } from './session.queries';
import type { DocumentOpenerDeps } from './open-document';
import type { OpenDocument } from '../features/documents';
import { endpointTransport } from '../smart/endpoint-transport';

/**
 * The record view (sections, timeline, virtualised lists, retrieval) is not needed until
 * the permission is recorded: it is fetched while the user reads the question
 * (loadMergedRecord on mount), so the first page load carries only the question; the
 * sections' code-split views (results, documents) are fetched with it. Once loaded it is
 * drawn without suspending (components/preloadable.tsx), not after React's Suspense
 * throttle. Its start of the queries (startSourceQueries) is kept when the module loads:
 * the queries start at the decision, held by the audit trail until the permission is
 * stored, before React draws anything of it (basisDecided below, docs/adr/0012, 0013).
 */
const mergedRecord = preloadable(() =>
  import('./merged-record').then((m) => {
    startRecordQueries = m.startSourceQueries;
    void m.preloadSectionViews().catch(() => undefined);
    return m.MergedRecord;
  }),
);
/** The record view's start of its queries, once its module is loaded (the user usually decides only after it is). */
let startRecordQueries: typeof import('./merged-record').startSourceQueries | undefined;
const loadMergedRecord = mergedRecord.preload;
const MergedRecord = mergedRecord.Component;

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

/**
 * Writes that an organisation's answer was received and not shown (an objection, or one
 * that could not be checked), in the viewing's session. Nothing waits for it, since nothing
 * is shown; its failure fails the trail, and the page with it (audit-trail.ts).
 */
function discardedRecorder(trail: AuditTrail, session: AuditSession) {
  return (endpoint: EndpointConfiguration, why: string) =>
    void trail.record(session, [{ kind: 'discarded', server: serverOf(endpoint), why }]).catch(() => undefined);
}

function AuditedViewing({ session, config, accesses, governanceAccesses, identity, deceased = false, now, audit }: GovernedRecordProps & { audit: { access: EndpointAccess; service: NonNullable<AppConfiguration['audit']> } }) {
  const queryClient = useQueryClient();
  const user = useQuery(sessionQueries.user(session));
  const basisDecided = useRef<(decided: DecidedBasis) => void>(undefined);
  const viewing = useGovernedViewing({ session, config, audit, user: user.data, nhsNumber: identity.nhsNumber, now, onBasisDecided: (r) => basisDecided.current?.(r) });
  const { trail, auditSession, role, policy, revealed, overrides } = viewing;
  const auditAuth = useAccessState(audit.access);
  // Organisations whose involvement is itself sensitive for this role (domain/policy) are
  // left out before anything else sees the configuration: not signed in to, not probed,
  // and neither counted nor listed by the record locator's note, so that whether the
  // locator named one cannot be told from the screen. Only "Some information is not shown
  // to your role" says that something is left out, the same whether it holds records or not.
  const concealed = useMemo(() => concealedEndpoints(config.endpoints, policy), [config.endpoints, policy]);
  const shown = useMemo(
    () => (concealed.size === 0 ? config : { ...config, endpoints: config.endpoints.filter((e) => !concealed.has(e.id)) }),
    [config, concealed],
  );

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
    () => shown.endpoints.find((e) => e.fhirBaseUrl.replace(/\/+$/, '') === session.iss.replace(/\/+$/, ''))?.id,
    [shown.endpoints, session.iss],
  );
  const { warmAudit } = viewing;
  useEffect(() => {
    // In the order they are needed after the decision: the audit service first (the decision
    // is written there before anything else), then the register and the locator, then the
    // organisations. Where they share one sign-in, their tokens come one after another in
    // this order (smart/shared-sign-in.ts: the refresh token rotates), so a short read of the
    // question still leaves the audit write ready.
    void warmAudit();
    const locator = config.recordLocator && governanceAccesses.locator;
    const where = {
      endpoints: shown.endpoints,
      ...(identity.registeredPracticeOds ? { registeredPracticeOds: identity.registeredPracticeOds } : {}),
      ...(launchEndpointId ? { launchEndpointId } : {}),
    };
    const early = locator ? knownBeforeLocator(where) : shown.endpoints;
    const register = config.objectionRegister;
    if (register && governanceAccesses.register) {
      prefetchProbes(queryClient, [{ ...register, id: REGISTER_SERVICE_ID }], new Map([[REGISTER_SERVICE_ID, governanceAccesses.register]]));
    }
    if (config.recordLocator && governanceAccesses.locator) {
      // The National Record Locator takes no batch: its CapabilityStatement is read first, so no refused batch is sent.
      // Its search, without batch, goes as POST DocumentReference/_search: that URL's preflight is paid now too.
      prefetchProbes(queryClient, [{ ...config.recordLocator, id: LOCATOR_SERVICE_ID }], new Map([[LOCATOR_SERVICE_ID, governanceAccesses.locator]]), { capabilitiesFirst: true, warmSearch: LOCATOR_RESOURCE });
    }
    prefetchProbes(queryClient, early, accesses);
    if (locator) {
      // The organisations the locator names for most people (trusts, the council, the ambulance
      // service) get their tokens now, behind every token needed, so that one it names is asked
      // as soon as it answers (docs/adr/0011). Only tokens: nothing is sent to them before that.
      // Asked once the early sign-ins are over: `prepare` does nothing until their shared
      // sign-in has a refresh token (smart/session.ts, canSignInAhead).
      const likely = likelyToBeNamed(where);
      void Promise.allSettled([locator.authorise(), ...early.flatMap((e) => accesses.get(e.id)?.authorise() ?? [])]).then(() => {
        for (const e of likely) accesses.get(e.id)?.prepare?.();
      });
    }
  }, [queryClient, shown.endpoints, config.objectionRegister, config.recordLocator, warmAudit, governanceAccesses.register, governanceAccesses.locator, accesses, identity.registeredPracticeOds, launchEndpointId]);
  const registerBatch = useCallback(
    (transport: FhirTransport) =>
      config.objectionRegister
        ? queryClient.fetchQuery(probeQuery({ ...config.objectionRegister, id: REGISTER_SERVICE_ID }, transport)).then((p) => p.batch)
        : Promise.resolve(false),
    [queryClient, config.objectionRegister],
  );

  // The locator's probe, when it has answered: not waited for (a GET, with its own preflight, instead).
  const locatorBatch = useCallback(
    () => Promise.resolve(queryClient.getQueryData<{ batch: boolean }>(sourceKeys.probe(LOCATOR_SERVICE_ID))?.batch === true),
    [queryClient],
  );

  // Organisations the locator names: their sign-in (no patient data) starts as soon as it
  // answers, not once the record is drawn; their preflight is paid meanwhile (ADR 0005, 8).
  // Their queries start then too (the same ones the record's view would start when drawn,
  // audited alike), not after React has drawn the longer record and the locator's note.
  const retrievalOf = useRef<Pick<UseSourceResultsInput, 'governance'> | undefined>(undefined);
  const onLocated = useCallback(
    (endpoints: readonly AppConfiguration['endpoints'][number][]) => {
      for (const endpoint of endpoints) {
        warmUnlessProbed(queryClient, endpoint);
        void accesses.get(endpoint.id)?.authorise().catch(() => undefined);
      }
      const retrieval = retrievalOf.current;
      // From the record view's module (loaded while the question was read), so that the retrieval code stays out of the first page.
      if (retrieval) void import('./merged-record').then((m) => m.startSourceQueries(queryClient, { endpoints: [...endpoints], accesses, identity, now, ...retrieval }));
    },
    [queryClient, accesses, identity, now],
  );

  // The merged record's contract, composed from the governance feature and the sources and documents features.
  const governance = useMemo((): RecordGovernance => ({
    role,
    policy,
    revealed,
    overrides,
    someConcealed: concealed.size > 0,
    sources: {
      registerConsents: [],
      odsCodes: config.endpoints.map((e) => e.odsCode),
      overridden: new Set(overrides.keys()),
      purposeOfUse: auditSession.purposeOfUse,
      transport: viewing.audited,
      recordDiscarded: discardedRecorder(trail, auditSession),
    },
    override: viewing.override,
    reveal: viewing.reveal,
    openDocument: lazyDocumentOpener({
      config, trail, session: auditSession, role, policy, revealed,
      purposeFor: (endpointId) => (overrides.has(endpointId) ? 'BTG' : auditSession.purposeOfUse),
      transportFor: (endpointId, headers) => {
        const endpoint = config.endpoints.find((e) => e.id === endpointId);
        const access = accesses.get(endpointId);
        return endpoint && access ? endpointTransport(endpoint, access, { headers }) : undefined;
      },
    }),
  }), [role, policy, revealed, overrides, auditSession, trail, config, accesses, viewing.audited, viewing.override, viewing.reveal, concealed]);

  // The record's queries start once the permission's write has left, with the register's check they
  // wait for, not once React has drawn the record's frame: the same queries (same keys and
  // options) that the record's view and the register gate then find on their way. Until the
  // permission is stored they get no further than their AuditEvents, built and held by the
  // trail (recordFirst, docs/adr/0013): nothing is sent to anyone before it is stored, and
  // nothing at all if it is not. With a record locator only the register: the located
  // organisations are asked when it answers (onLocated).
  const startOnDecided = (r: DecidedBasis) => {
    if (!mayRetrieve(r.basis)) return;
    const register = config.objectionRegister && governanceAccesses.register
      ? registerCheck({ service: config.objectionRegister, access: governanceAccesses.register, nhsNumber: identity.nhsNumber, trail, session: r.session, registerBatch, timedFrom: r.stored })
      : undefined;
    const registerConsents: Promise<readonly unknown[]> = register ? queryClient.fetchQuery(register.options) : Promise.resolve([]);
    registerConsents.catch(() => undefined); // its failure is shown by the register gate
    if ((config.recordLocator && governanceAccesses.locator) || !startRecordQueries) return;
    startRecordQueries(queryClient, {
      endpoints: shown.endpoints, accesses, identity, now,
      governance: { ...governance.sources, purposeOfUse: r.session.purposeOfUse, transport: r.audited, registerConsents, recordDiscarded: discardedRecorder(trail, r.session), permissionStored: r.stored },
    });
  };
  // The latest committed render's (a render React discards must not leave its closure behind).
  useLayoutEffect(() => {
    basisDecided.current = startOnDecided;
  });

  if (viewing.trailState.state === 'failed') {
    // Try again: a new trail, and the basis for viewing asked (and recorded) again before anything is retrieved.
    return (
      <>
        <AuditFailedNotice reason={viewing.trailState.reason} onRetry={viewing.tryAgain} />
        <ServiceSignIn access={audit.access} name={AUDIT_SERVICE_NAME} why={AUDIT_SIGN_IN_WHY} onSignedIn={viewing.tryAgain} />
      </>
    );
  }
  if (!viewing.basis) {
    return (
      <>
        <ServiceSignIn access={audit.access} name={AUDIT_SERVICE_NAME} why={AUDIT_SIGN_IN_WHY} />
        <PermissionForm waiting={user.isPending} deceased={deceased} role={role} auditSignInNeeded={auditAuth.state === 'sign-in-needed'} onRecord={viewing.recordBasis} />
      </>
    );
  }
  if (!mayRetrieve(viewing.basis)) return <PermissionRefused />;
  return (
    <>
      <PermissionSummary basis={viewing.basis} />
      <ObjectionRegisterGate config={config} access={governanceAccesses.register} identity={identity} trail={trail} session={auditSession} mayOverride={viewing.mayOverride} registerBatch={registerBatch}>
        {(registerConsents) => {
          // What the record's view retrieves with (merged-record.tsx), for onLocated to start the same queries.
          const sources = { ...governance.sources, registerConsents };
          retrievalOf.current = { governance: sources };
          return (
            <RecordLocatorGate config={shown} access={governanceAccesses.locator} identity={identity} launchEndpointId={launchEndpointId} trail={trail} session={auditSession} locatorBatch={locatorBatch} onLocated={onLocated}>
              {(endpoints, awaiting) => (
                <Suspense fallback={<Loading>Opening the record…</Loading>}>
                  <LocatedRecord
                    endpoints={endpoints}
                    {...(awaiting ? { awaiting } : {})}
                    identity={identity}
                    config={shown}
                    accesses={accesses}
                    now={now}
                    governance={{ ...governance, sources }}
                  />
                </Suspense>
              )}
            </RecordLocatorGate>
          );
        }}
      </ObjectionRegisterGate>
    </>
  );
}

/** The record from the endpoints the locator gate chose (the configuration narrowed to them, kept stable between renders). */
function LocatedRecord({ endpoints, config, ...rest }: { endpoints: readonly AppConfiguration['endpoints'][number][] } & ComponentProps<typeof MergedRecord>) {
  const narrowed = useMemo(() => ({ ...config, endpoints: [...endpoints] }), [config, endpoints]);
  return <MergedRecord config={narrowed} {...rest} />;
}
