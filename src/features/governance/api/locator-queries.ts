/**
 * The region's record locator, asked once per viewing after the permission is recorded:
 * which organisations hold records for this NHS number (NRL-shaped DocumentReference
 * pointers, domain/record-locator). Through the one transport, audited like every query.
 * Without batch the search goes as `POST DocumentReference/_search` (the NHS number in
 * the body, not the URL), whose CORS preflight was paid while the user read the question
 * (probe-queries.ts, `warmSearch`); a locator that refuses it is asked with the GET.
 * The answer is a list of ODS codes held in memory only. Any failure (sign-in, network,
 * timeout, an answer that cannot be trusted) is a LocatorUnavailable: the viewer then
 * asks every organisation and says so.
 */
import { queryOptions } from '@tanstack/react-query';
import { withTimeout } from '../../../fhir';
import type { FhirTransport } from '../../../fhir/types';
import type { EndpointAccess } from '../../../smart/endpoint-access';
import { locatedOrganisations, locatorSearch } from '../../../domain/record-locator';
import { searchOnce } from './search-once';

export class LocatorUnavailable extends Error {
  override readonly name = 'LocatorUnavailable';
}

export interface LocatorQueryDeps {
  nhsNumber: string;
  access: EndpointAccess;
  /** Audited (audited-transport.ts). */
  transport: FhirTransport;
  timeoutMs: number;
  /** Whether the locator takes a batch (its probe, sent while the user read the question): search-once.ts. */
  batch?: () => Promise<boolean>;
}

export const locatorQueries = {
  organisations: ({ nhsNumber, access, transport, timeoutMs, batch }: LocatorQueryDeps) =>
    queryOptions({
      queryKey: ['fhir', 'record-locator', 'DocumentReference', nhsNumber] as const,
      queryFn: async ({ signal }): Promise<string[]> => {
        const auth = await access.authorise().catch(() => ({ state: 'failed' as const, reason: '' }));
        if (auth.state !== 'authorised') throw new LocatorUnavailable('The viewer could not sign in to the record locator');
        let resources: readonly unknown[];
        try {
          resources = (await searchOnce(transport, locatorSearch(nhsNumber), { signal: withTimeout(signal, timeoutMs), ...(batch ? { batch } : {}), post: true, leftOut: 'The record locator left the search out of its answer' })).resources;
        } catch (e) {
          const reason = (e as { reason?: unknown } | null)?.reason;
          throw new LocatorUnavailable(typeof reason === 'string' ? reason : 'The record locator could not be reached', { cause: e });
        }
        const answer = locatedOrganisations(resources, nhsNumber);
        if (!answer.ok) throw new LocatorUnavailable(answer.reason);
        return answer.odsCodes;
      },
      retry: false,
      staleTime: Infinity,
      gcTime: 5 * 60_000,
      refetchOnWindowFocus: false,
    }),
};
