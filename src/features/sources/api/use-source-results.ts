import { useQueries, useQueryClient, type QueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useCallback, useLayoutEffect, useMemo, useRef } from 'react';
import type { EndpointConfiguration } from '../../../config/types';
import type { PatientIdentity } from '../../../domain/patient-identity';
import type { SourceState } from '../../../domain/source-status';
import type { EndpointAccess, EndpointAuthState } from '../../../smart/endpoint-access';
import type { SourceGovernance } from '../source-governance';
import type { SourceResult } from '../source-result';
import { combineSources, type CombinedSources } from './combine-sources';
import { sourceKeys } from './source-keys';
import { sourceQueries, type SummaryQueryDeps } from './source-queries';
import { retryableSources } from '../components/source-state-text';

export interface UseSourceResultsInput {
  endpoints: EndpointConfiguration[];
  accesses: ReadonlyMap<string, EndpointAccess>;
  /** A verified identity only: without one nothing is asked of anyone. */
  identity: PatientIdentity;
  now: () => Date;
  createTransport?: SummaryQueryDeps['createTransport'];
  /** Objection register, overrides, purpose of use and the audited transport (the app's governance). */
  governance?: SourceGovernance;
}

export interface SourceResults extends CombinedSources {
  /** Asks that one organisation again; the others are left as they are. */
  retry: (endpointId: string) => void;
  /** Asks again every organisation that failed or did not answer. */
  retryAll: () => void;
  /** The interactive sign-in (from a click only), then that organisation again if it worked. */
  signIn: (endpointId: string) => Promise<EndpointAuthState>;
}

/**
 * Starts each organisation's query that is not yet in the cache, and gives every one's
 * options. Only a query not yet in the cache is started; after that, its observers alone
 * decide when it is fetched again (a failed one is not retried by a re-render). Called by
 * whoever learns of an organisation to ask before React draws it (the permission stored,
 * docs/adr/0012; the record locator's answer), and by useSourceResults as the record is
 * drawn, for any not started yet: the same options, so one query.
 */
export function startSourceQueries(
  client: QueryClient,
  { endpoints, accesses, identity, now, createTransport, governance }: UseSourceResultsInput,
): ReturnType<typeof sourceQueries.summary>[] {
  const summaries = endpoints.flatMap((endpoint) => {
    const access = accesses.get(endpoint.id);
    return access ? [sourceQueries.summary({ endpoint, access, identity, now, createTransport, governance })] : [];
  });
  for (const options of summaries) {
    if (client.getQueryState(options.queryKey) === undefined) void client.prefetchQuery(options);
  }
  return summaries;
}

/**
 * Every configured organisation's part of the record, each its own query (architecture
 * habit 4): each source appears as soon as it answers, and one failing or slow never
 * blocks or fails the others. Progress (signing in, pages so far) comes from a second
 * set of cache entries that the query functions write as they go.
 */
export function useSourceResults({ endpoints, accesses, identity, now, createTransport, governance }: UseSourceResultsInput): SourceResults {
  const client = useQueryClient();
  const nhsNumber = identity.nhsNumber;
  const asked = useMemo(() => endpoints.filter((e) => accesses.has(e.id)), [endpoints, accesses]);

  const progress = useQueries({
    queries: asked.map((e) => sourceQueries.progress(e.id, nhsNumber)),
    combine: useCallback(
      (results: UseQueryResult<SourceState>[]) =>
        new Map(asked.flatMap((e, i) => (results[i]?.data ? [[e.id, results[i].data] as const] : []))),
      [asked],
    ),
  });

  // The last combined view: its unchanged parts are kept by reference (combine-sources.ts).
  const last = useRef<CombinedSources | undefined>(undefined);
  // Each organisation is asked as soon as the record is first drawn, before the sections
  // under it are rendered and painted (the queries' own observers subscribe only after the
  // paint), as TanStack Query's own suspense queries start in render.
  const summaries = startSourceQueries(client, { endpoints: asked, accesses, identity, now, createTransport, governance });

  const combined = useQueries({
    queries: summaries,
    combine: useCallback(
      (results: UseQueryResult<SourceResult>[]) =>
        (last.current = combineSources(endpoints, new Map(asked.flatMap((e, i) => (results[i] ? [[e.id, results[i]] as const] : []))), progress, last.current)),
      [endpoints, asked, progress],
    ),
  });

  const overridden = governance?.overridden;
  const retry = useCallback(
    (endpointId: string) =>
      void client.refetchQueries({ queryKey: sourceKeys.summary(endpointId, nhsNumber, overridden?.has(endpointId) ? 'override' : 'standard'), exact: true }),
    [client, nhsNumber, overridden],
  );
  // "Try all" asks again exactly the organisations its button counts (retryableSources),
  // as of the latest drawing, whichever drawing's button was pressed: the strip on screen
  // may be a copy drawn a moment earlier (merged-record.tsx), and an organisation that has
  // recovered since, or one whose failure asking again cannot mend, is not asked again.
  const latestDrawn = useRef({ sources: combined.sources, retry });
  useLayoutEffect(() => {
    latestDrawn.current = { sources: combined.sources, retry };
  }, [combined.sources, retry]);
  const retryAll = useCallback(() => {
    const { sources, retry: askAgain } = latestDrawn.current;
    for (const s of retryableSources(sources)) askAgain(s.endpointId);
  }, []);
  const signIn = useCallback(
    async (endpointId: string): Promise<EndpointAuthState> => {
      const access = accesses.get(endpointId);
      if (!access) return { state: 'failed', reason: 'This organisation is not set up for signing in' };
      const state = await access.signInInteractively();
      if (state.state === 'authorised') retry(endpointId);
      return state;
    },
    [accesses, retry],
  );
  return { ...combined, retry, retryAll, signIn };
}
