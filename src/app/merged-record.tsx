import { useDeferredValue, useMemo } from 'react';
import type { AppConfiguration } from '../config/types';
import { DataAge } from '../components/data-age';
import { ErrorBoundary } from '../components/error-boundary';
import { ErrorNotice } from '../components/states';
import { concealedEndpoints, DEFAULT_ACCESS_POLICY, mayOverride } from '../domain/policy/access-policy';
import { OVERRIDE_REASON_TEXT } from '../domain/policy/override';
import type { ShownNote } from '../domain/records';
import { governRecords } from '../domain/policy/govern-records';
import { mayStandFor } from '../domain/source-status';
import type { PatientIdentity } from '../domain/patient-identity';
import type { EndpointAccess } from '../smart/endpoint-access';
import { SourceStrip, useSourceResults } from '../features/sources';
import { ObjectionNotice } from '../features/governance';
import { RecordSections } from './record-sections';

export { preloadSectionViews } from './record-sections';
export { startSourceQueries } from '../features/sources';
import { objectedOrganisations, type RecordGovernance } from './record-governance';
import { SourceGovernanceLine } from './source-governance-line';

export interface MergedRecordProps {
  identity: PatientIdentity;
  config: AppConfiguration;
  accesses: ReadonlyMap<string, EndpointAccess>;
  now: () => Date;
  /** Permission, audit, objections and access policy for this viewing (governed-record.tsx). */
  governance?: RecordGovernance;
  /**
   * Organisations not named yet (the record locator has not answered): shown as one
   * 'waiting' line, so the record reads "Still loading" and no section claims to be
   * complete until they are known (record-locator-gate.tsx).
   */
  awaiting?: { id: string; name: string };
}

const NO_ONE = new Map<string, never>();

/** The overridden endpoints, each with who overrode, when and why (for the mark on its items). */
function notedSet(ids: ReadonlySet<string>, overrides: RecordGovernance['overrides'] | undefined) {
  return {
    has: (id: string) => ids.has(id),
    get: (id: string): ShownNote | undefined => {
      const o = overrides?.get(id);
      return o && { by: o.by, at: o.at, reason: `${OVERRIDE_REASON_TEXT[o.reason]}: ${o.explanation}` };
    },
  };
}

/**
 * The record as it arrives from every organisation: the patient's objections, the status
 * strip (what was asked, what answered, whether the record is complete, what was
 * withheld) with the age of the data, then the sections. Every retrieved item passes through governRecords (domain/
 * policy): objected organisations, very restricted items and what this role may not see
 * never reach the sections; items shown under an override or a reveal sit in their own
 * sections with the rest, each marked with who, when and why. The strip sits outside the sections' error boundary, so the user always
 * sees which sources answered even if showing the record fails.
 */
export function MergedRecord({ identity, config, accesses, now, governance, awaiting }: MergedRecordProps) {
  const policy = governance?.policy ?? DEFAULT_ACCESS_POLICY.unknown;
  // Organisations whose involvement is itself sensitive for this role are not asked at all
  // (decided from the configuration alone): nothing of theirs reaches the browser or the
  // audit trail, so they are not named, counted or shown.
  const concealed = useMemo(() => concealedEndpoints(config.endpoints, policy), [config.endpoints, policy]);
  const asked = useMemo(() => config.endpoints.filter((e) => !concealed.has(e.id)), [config.endpoints, concealed]);
  const latest = useSourceResults({ endpoints: asked, accesses, identity, now, governance: governance?.sources });
  const asOfNow = useMemo(
    () => ({
      ...latest,
      sources: [
        ...latest.sources,
        ...(awaiting ? [{ endpointId: awaiting.id, organisationName: awaiting.name, status: { state: 'waiting' as const } }] : []),
      ],
    }),
    [latest, awaiting],
  );
  // Everything below (the status strip and the sections alike) is drawn from one deferred
  // copy of the sources' states (answers, progress, failures, objections, withheld counts)
  // and of what is still awaited, from the first answer on: React draws it in slices, so an
  // answer or a progress report arriving meanwhile is read between them and restarts the
  // drawing with it, rather than waiting behind a drawing of the whole record and its
  // layout and paint (drawing the first items at once cost the typical patient about 0.3 L
  // between the last answer and "Complete": README, tenth session). Restarts cannot hold
  // the drawing back for good: React draws a deferred update at once after about 5 s. The
  // governance applied to the copy (role, policy, overrides, reveals) is the current one,
  // so nothing it now withholds is shown. The copy may lag in the sources' states only
  // (domain mayStandFor): when the organisations asked change (the locator names them, or
  // the user asks everyone) or the copy would say "Complete" where the current states do
  // not, the current answers are drawn at once. So "Complete" can only follow every
  // organisation asked (merged-record.test.tsx), and it appears in the same commit as the
  // last organisation's items (care-record.test.tsx).
  const deferred = useDeferredValue(asOfNow);
  const results = mayStandFor(deferred.sources, asOfNow.sources) ? deferred : asOfNow;
  const objected = useMemo(
    () => objectedOrganisations(results.sources, results.objections, governance?.overrides ?? new Map()),
    [results.sources, results.objections, governance?.overrides],
  );
  // The list is new at every organisation's answer; which organisations it names changes far less often.
  const objectedIds = JSON.stringify(objected.map((o) => o.endpointId));
  const governed = useMemo(
    () =>
      governRecords({
        records: results.records,
        role: governance?.role ?? 'unknown',
        policy,
        revealed: governance?.revealed ?? NO_ONE,
        objected: new Set(JSON.parse(objectedIds) as string[]),
        overridden: notedSet(
          new Set(Object.entries(results.objections).flatMap(([id, o]) => (o.overridden ? [id] : []))),
          governance?.overrides,
        ),
      }),
    [results.records, results.objections, objectedIds, governance?.role, policy, governance?.revealed, governance?.overrides],
  );
  // Revealed and overridden items sit in their own sections, grouped and counted with the rest, each marked.
  const onScreen = useMemo(() => [...governed.shown, ...governed.marked], [governed]);
  return (
    <>
      {governance && (
        <ObjectionNotice organisations={objected} mayOverride={mayOverride(governance.role, governance.policy)} onOverride={(id, reason, text) => governance.override(id, reason, text)} />
      )}
      <div className="record-status">
        <SourceStrip
          sources={results.sources}
          withheld={results.withheld}
          onRetry={results.retry}
          onRetryAll={results.retryAll}
          onSignIn={results.signIn}
          lineExtra={(endpointId) => (
            <SourceGovernanceLine endpointId={endpointId} config={config} results={results} governed={governed} governance={governance} />
          )}
        />
        {(concealed.size > 0 || governance?.someConcealed === true) && (
          <p className="source-note governance-concealed">Some information is not shown to your role.</p>
        )}
        <DataAge sources={results.sources} now={now} />
      </div>
      <ErrorBoundary fallback={<ErrorNotice title="The record could not be shown">The list of sources above is still correct. Open the record again from your clinical system.</ErrorNotice>}>
        <RecordSections records={onScreen} sources={results.sources} now={now} endpoints={config.endpoints} openDocument={governance?.openDocument} />
      </ErrorBoundary>
    </>
  );
}
