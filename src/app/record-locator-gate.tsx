import { useQuery } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import type { AppConfiguration, EndpointConfiguration } from '../config/types';
import { TechnicalDetail } from '../components/states';
import type { AuditSession } from '../domain/audit/audit-types';
import type { PatientIdentity } from '../domain/patient-identity';
import { knownBeforeLocator, namedByLocator, selectEndpoints, type LocatorState } from '../domain/record-locator';
import { auditedTransport, locatorQueries, type AuditTrail } from '../features/governance';
import type { EndpointAccess } from '../smart/endpoint-access';
import { endpointTransport } from '../smart/endpoint-transport';
import { LOCATOR_SERVICE_ID } from '../smart/governance-accesses';

export interface RecordLocatorGateProps {
  config: AppConfiguration;
  access?: EndpointAccess;
  identity: PatientIdentity;
  /** The endpoint the app was launched from, when it is one of config.endpoints. */
  launchEndpointId?: string;
  trail: AuditTrail;
  session: AuditSession;
  /**
   * Given the endpoints to ask, and while the locator has not answered, what the record is
   * still waiting for (`awaiting`): the registered practice and the launching organisation
   * are asked at once, and the record must not look complete before the locator answered.
   */
  children: (endpoints: readonly EndpointConfiguration[], awaiting?: AwaitedOrganisations) => ReactNode;
  /** Whether the locator takes a batch, from the app's cached probe of it (search-once.ts). */
  locatorBatch?: () => Promise<boolean>;
  /**
   * The organisations the locator's answer adds (its AuditEvent stored), called as soon as
   * it comes, before React draws anything: their sign-in can start at once.
   */
  onLocated?: (endpoints: readonly EndpointConfiguration[]) => void;
}

/** Organisations not yet named: the record says it is still waiting for them (a 'waiting' line of its own). */
export interface AwaitedOrganisations {
  id: string;
  name: string;
}

/** The line the record shows while the locator is asked: its name says what is awaited. */
export const AWAITING_LOCATOR: AwaitedOrganisations = { id: 'record-locator', name: 'Other organisations (the record locator is being asked which hold records)' };

const LOCATOR_SERVER = (baseUrl: string) => ({ endpointId: LOCATOR_SERVICE_ID, name: 'Record locator', baseUrl });

/** A locator that neither answers nor fails must not leave the record waiting for ever. */
function withinTime<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_r, reject) => {
    timer = setTimeout(() => reject(new Error(`The record locator did not answer within ${Math.round(ms / 1000)} seconds`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * In a region of many organisations, asks the record locator (config `recordLocator`)
 * which of them hold records for this person, and passes on only those, with the
 * registered practice and the launching organisation (domain/record-locator). The rest
 * are listed once as "not known to hold records", with "Ask every organisation"
 * (recorded in the audit trail before anyone more is asked). Without a locator every
 * organisation is asked, as before; a locator that fails is said so, and every
 * organisation is asked (hazard log H33).
 */
export function RecordLocatorGate({ config, access, identity, launchEndpointId, trail, session, children, locatorBatch, onLocated }: RecordLocatorGateProps) {
  const service = config.recordLocator;
  const [askEveryone, setAskEveryone] = useState(false);
  const [asking, setAsking] = useState(false);
  const transport = useMemo(
    () =>
      service && access
        ? auditedTransport({
            plain: (headers) => endpointTransport(service, access, { headers }),
            trail,
            session,
            server: LOCATOR_SERVER(service.fhirBaseUrl),
            purpose: session.purposeOfUse,
          })
        : undefined,
    [service, access, trail, session],
  );
  const limit = (service?.timeoutMs ?? 10_000) + 5_000; // its own time limit, and a little for signing in
  const options = useMemo(() => {
    const o = locatorQueries.organisations({ nhsNumber: identity.nhsNumber, access: access as EndpointAccess, transport: transport!, timeoutMs: service?.timeoutMs ?? 0, ...(locatorBatch ? { batch: locatorBatch } : {}) });
    type Fn = (ctx: unknown) => Promise<string[]>;
    const run = o.queryFn as unknown as Fn;
    const located = (odsCodes: string[]) => {
      if (!onLocated) return odsCodes;
      const where = {
        endpoints: config.endpoints,
        ...(identity.registeredPracticeOds ? { registeredPracticeOds: identity.registeredPracticeOds } : {}),
        ...(launchEndpointId ? { launchEndpointId } : {}),
      };
      onLocated(namedByLocator(where, odsCodes));
      return odsCodes;
    };
    return { ...o, queryFn: ((ctx: unknown) => withinTime(Promise.resolve(run(ctx)), limit).then(located)) as unknown as typeof o.queryFn };
  }, [identity.nhsNumber, access, transport, service, limit, locatorBatch, onLocated, config.endpoints, identity.registeredPracticeOds, launchEndpointId]);
  const query = useQuery({ ...options, enabled: transport !== undefined });

  const locator: LocatorState | undefined = !transport
    ? { state: 'none' }
    : query.isError
      ? { state: 'failed', reason: query.error.message }
      : query.data
        ? { state: 'answered', odsCodes: query.data }
        : undefined;
  // Known before the locator answers, so asked at once: the registered practice and the launching organisation.
  const early = useMemo(
    () =>
      knownBeforeLocator({
        endpoints: config.endpoints,
        ...(identity.registeredPracticeOds ? { registeredPracticeOds: identity.registeredPracticeOds } : {}),
        ...(launchEndpointId ? { launchEndpointId } : {}),
      }),
    [config.endpoints, identity.registeredPracticeOds, launchEndpointId],
  );
  const selection = useMemo(
    () =>
      locator &&
      selectEndpoints({
        endpoints: config.endpoints,
        locator,
        ...(identity.registeredPracticeOds ? { registeredPracticeOds: identity.registeredPracticeOds } : {}),
        ...(launchEndpointId ? { launchEndpointId } : {}),
        askEveryone,
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `locator` is derived from these
    [config.endpoints, transport, query.isError, query.data, identity.registeredPracticeOds, launchEndpointId, askEveryone],
  );

  const notKnown = selection?.notKnown ?? [];
  // One shape while the locator is asked and after it answered (the notes in fixed places),
  // so that the record below is kept, not drawn anew, when more organisations are added.
  return (
    <>
      {selection?.basis === 'locator-failed' && (
        <div className="locator-note locator-failed" role="status">
          <p>
            {`The record locator could not be asked, so every organisation (${config.endpoints.length}) is being asked instead. This may take longer.`}
          </p>
          {query.error && <TechnicalDetail>{query.error.message}</TechnicalDetail>}
        </div>
      )}
      {selection?.basis === 'everyone' && (
        <p className="locator-note" role="status">
          Every organisation is asked, as you chose, not only those known to hold records.
        </p>
      )}
      {selection?.basis === 'located' && notKnown.length > 0 && service && (
        <section className="locator-note" aria-labelledby="locator-not-known">
          <h2 className="nhsuk-heading-s" id="locator-not-known">
            {`${plural(notKnown.length, 'organisation is', 'organisations are')} not known to hold records for this person`}
          </h2>
          <p>
            {`The region’s record locator, the registered practice and the organisation this record was opened from name ${plural(selection.ask.length, 'organisation', 'organisations')}, and only those are asked. ` +
              'An organisation that has seen the person recently may not be known to the locator yet.'}
          </p>
          <details className="nhsuk-details">
            <summary className="nhsuk-details__summary">
              <span className="nhsuk-details__summary-text">Organisations not known to hold records</span>
            </summary>
            <div className="nhsuk-details__text">
              <ul className="locator-not-known-list">
                {notKnown.map((e) => (
                  <li key={e.id}>{`${e.organisationName}: not known to hold records`}</li>
                ))}
              </ul>
            </div>
          </details>
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary"
            disabled={asking}
            onClick={() => {
              setAsking(true);
              void trail
                .record(session, [{ kind: 'ask-everyone', server: LOCATOR_SERVER(service.fhirBaseUrl), added: notKnown.length }])
                .then(() => setAskEveryone(true))
                .catch(() => undefined) // the trail's failure stops the whole record (governed-record.tsx)
                .finally(() => setAsking(false));
            }}
          >
            Ask every organisation
          </button>
        </section>
      )}
      {selection ? children(selection.ask) : children(early, AWAITING_LOCATOR)}
    </>
  );
}
