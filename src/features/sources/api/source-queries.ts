import { queryOptions, skipToken, type QueryClient } from '@tanstack/react-query';
import type { CapabilityStatement } from 'fhir/r4';
import type { EndpointConfiguration } from '../../../config/types';
import type { PatientIdentity } from '../../../domain/patient-identity';
import type { SourceState } from '../../../domain/source-status';
import { createByteBudget, withTimeout, type ByteBudget } from '../../../fhir';
import type { FhirTransport } from '../../../fhir/types';
import type { EndpointAccess } from '../../../smart/endpoint-access';
import { endpointTransport } from '../../../smart/endpoint-transport';
import { retrieveFromEndpoint } from '../retrieve-from-endpoint';
import { purposeFor, type SourceGovernance } from '../source-governance';
import { SourceFailure } from '../source-result';
import { createSlots } from './concurrency';
import { probeQuery, warmUnlessProbed } from './probe-queries';
import { holdOff, waitForGate } from './retry-after-gate';
import { sourceKeys } from './source-keys';

/**
 * How many organisations are retrieved at once (sign-in, batch and audit writes): all of a
 * region of eight together; at a hundred, in turns, so the browser's six requests per
 * server and the audit service are not swamped (hazard H34).
 */
export const MAX_CONCURRENT_SOURCES = 12;
const RETRIEVAL_SLOTS = createSlots(MAX_CONCURRENT_SOURCES);

export interface SummaryQueryDeps {
  endpoint: EndpointConfiguration;
  access: EndpointAccess;
  identity: PatientIdentity;
  now: () => Date;
  /**
   * The endpoint's transport: smart/endpoint-transport.ts (getHeaders = access.getHeaders,
   * onUnauthorized = access.reauthorise) unless a test supplies its own.
   */
  createTransport?: (endpoint: EndpointConfiguration, access: EndpointAccess) => FhirTransport;
  /** Objection register, overrides, purpose of use and the audited transport (source-governance.ts). */
  governance?: SourceGovernance;
}

/** The endpoint's transport: audited and carrying the purpose of use when governance is given. */
function transportFor({ endpoint, access, createTransport, governance }: SummaryQueryDeps, budget: ByteBudget): FhirTransport {
  const plain = (headers: Record<string, string> = {}) => (createTransport ? createTransport(endpoint, access) : endpointTransport(endpoint, access, { headers, budget }));
  return governance ? governance.transport(endpoint, purposeFor(governance, endpoint.id), plain) : plain();
}

/** One automatic retry for a transient failure, unless the server asks for a long wait. */
const MAX_RETRIES = 1;
const LONGEST_AUTOMATIC_WAIT_S = 10;

/**
 * Query options for the regional endpoints. In memory only: no persister, because
 * clinical data never goes to browser storage (docs/standards.md, "Browser security"); gcTime
 * is modest so a record left behind is dropped within minutes.
 */
export const sourceQueries = {
  /** Fetched once per endpoint per page load: a server's capabilities do not change under us. */
  metadata: (endpoint: EndpointConfiguration, transport: FhirTransport) =>
    queryOptions({
      queryKey: sourceKeys.metadata(endpoint.id),
      queryFn: ({ signal }) => transport.get<CapabilityStatement>('metadata', withTimeout(signal, endpoint.timeoutMs)),
      staleTime: Infinity,
      gcTime: Infinity,
      retry: false,
    }),

  probe: probeQuery,

  /** Written by the summary's query function as it goes; never fetched. */
  progress: (endpointId: string, nhsNumber: string) =>
    queryOptions<SourceState>({
      queryKey: sourceKeys.progress(endpointId, nhsNumber),
      queryFn: skipToken,
      staleTime: Infinity,
      gcTime: 60_000,
    }),

  /**
   * One organisation's part of the record. A failure is thrown as SourceFailure so that
   * a transient one (network, 5xx, 429, timeout) is retried once and a refusal (other
   * 4xx) never is; every other outcome, partial and excluded included, is data.
   */
  summary: (deps: SummaryQueryDeps) => {
    const { endpoint, access, identity, now, governance } = deps;
    const overridden = governance?.overridden.has(endpoint.id) ?? false;
    const retrieveOne = async (client: QueryClient, signal: AbortSignal) => {
      // One byte budget per retrieval: every page of every search of this organisation counts against it.
      const transport = transportFor(deps, createByteBudget());
      // Not probed: its preflight and connection paid while it waits for its token.
      const optimistic = !warmUnlessProbed(client, endpoint).probed;
      const progressKey = sourceKeys.progress(endpoint.id, identity.nhsNumber);
      const result = await retrieveFromEndpoint({
        endpoint,
        access,
        transport,
        identity,
        signal,
        now,
        onProgress: (state) => client.setQueryData<SourceState>(progressKey, state),
        probe: () => client.fetchQuery(sourceQueries.probe(endpoint, transport)),
        // Not probed before the decision (named by the record locator): no round trip for the probe first.
        optimistic,
        ...(governance ? { objection: { registerConsents: governance.registerConsents, overridden, ...(governance.odsCodes ? { odsCodes: governance.odsCodes } : {}) } } : {}),
        ...(governance?.recordDiscarded ? { onDiscarded: (why: string) => governance.recordDiscarded?.(endpoint, why) } : {}),
        ...(governance?.permissionStored ? { timedFrom: governance.permissionStored } : {}),
      });
      holdOff(client, endpoint.id, result.retryAfterSeconds);
      if (result.status.state === 'failed') throw new SourceFailure(result.status, result.retryAfterSeconds);
      return result;
    };
    return queryOptions({
      queryKey: sourceKeys.summary(endpoint.id, identity.nhsNumber, overridden ? 'override' : 'standard'),
      queryFn: async ({ client, signal }) => {
        // A server that said Retry-After is not asked again sooner, even on a Retry click.
        await waitForGate(client, endpoint.id, signal);
        // At region size, organisations take turns (concurrency.ts, hazard H34).
        const release = await RETRIEVAL_SLOTS.acquire(signal);
        try {
          return await retrieveOne(client, signal);
        } finally {
          release();
        }
      },
      retry: (failureCount, error) =>
        failureCount < MAX_RETRIES &&
        error instanceof SourceFailure &&
        error.retryable &&
        (error.retryAfterSeconds ?? 0) <= LONGEST_AUTOMATIC_WAIT_S,
      retryDelay: (attempt, error) =>
        error instanceof SourceFailure && error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : Math.min(1000 * 2 ** attempt, 8000),
      // Started before the record is drawn (the permission stored, the locator's answer): one
      // that failed before its line was drawn is shown failed, with its own "Try again", and
      // not asked again because the line mounted after it.
      retryOnMount: false,
      staleTime: 5 * 60_000,
      gcTime: 5 * 60_000,
      refetchOnWindowFocus: false,
    });
  },
};

