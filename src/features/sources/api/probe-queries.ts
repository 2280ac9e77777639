/**
 * The probe of each FHIR service (transport.probe), kept apart from the record's queries so
 * that sending it before the permission decision loads none of the retrieval code.
 */
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type { CapabilityStatement } from 'fhir/r4';
import type { EndpointConfiguration } from '../../../config/types';
import { untilAborted, warmedProbe, warmWithoutToken as warmBase, withTimeout } from '../../../fhir';
import type { EndpointProbe, FhirTransport } from '../../../fhir/types';
import type { EndpointAccess } from '../../../smart/endpoint-access';
import { endpointTransport } from '../../../smart/endpoint-transport';
import { supportsBatch } from '../capability';
import { sourceKeys } from './source-keys';

/**
 * The probe carries the header names the record's requests will carry (audited-transport:
 * X-Request-Id, X-Purpose-Of-Use), so that the CORS preflight the browser caches for the
 * base URL covers them: measured, Chromium asked again when they were missing. The values
 * are the word "probe" and the default purpose; the probe asks for no patient data.
 */
const PROBE_HEADERS = { 'X-Request-Id': 'probe', 'X-Purpose-Of-Use': 'TREAT' } as const;

export interface ProbeOptions {
  /**
   * Read `metadata` first and send the batch only where the CapabilityStatement lists
   * batch: for a service that often refuses one (the National Record Locator takes no
   * batch), so that no refused request is sent, and logged by the browser, at every launch.
   */
  capabilitiesFirst?: boolean;
  /**
   * A service searched with `POST [type]/_search` once the permission is recorded (the
   * record locator, where it takes no batch): after the probe, a `_search` of this type that
   * asks for nothing about anyone (transport.warmSearchPost) pays that URL's preflight now.
   */
  warmSearch?: string;
}

/** A FHIR service to probe: a regional endpoint, or a governance service (the objection register) with its id. */
export type ProbedService = Pick<EndpointConfiguration, 'id' | 'fhirBaseUrl' | 'timeoutMs'>;

/**
 * Whether the server takes a batch (transport.probe: a batch of `GET metadata` at the
 * base, which asks for no patient data), sent while the user reads the permission
 * question so that its CORS preflight and connection are paid by then
 * (prefetchProbes). Once per endpoint per page load. A transport without `probe` is
 * asked for `metadata`; so is, first, a service probed `capabilitiesFirst`.
 */
export const probeQuery = (endpoint: ProbedService, transport: FhirTransport, { capabilitiesFirst = false }: ProbeOptions = {}) =>
  queryOptions({
    queryKey: sourceKeys.probe(endpoint.id),
    queryFn: async ({ signal }): Promise<EndpointProbe> => {
      const s = withTimeout(signal, endpoint.timeoutMs);
      // This page already asked the server the same question without a token (fhir/warm.ts:
      // the launching server while the launch's token was exchanged, an organisation the
      // locator named while its token was fetched): its answer, where it came, is the probe.
      const early = capabilitiesFirst ? undefined : warmedProbe(endpoint.fhirBaseUrl);
      if (early) {
        // Not for longer than half its time limit: a server that hangs without a token may answer with one.
        const answered = await untilAborted(Promise.race([early, after(warmGraceMs(endpoint))]), s);
        if (answered) return answered;
      }
      if (capabilitiesFirst || !transport.probe) {
        const statement = await transport.get<CapabilityStatement>('metadata', s);
        // Only a service that says it takes a batch is sent one (which pays its preflight).
        if (!transport.probe || !supportsBatch(statement)) return { batch: supportsBatch(statement), statement };
      }
      return transport.probe(s);
    },
    staleTime: Infinity,
    gcTime: Infinity,
    retry: false,
  });

const warmGraceMs = (endpoint: ProbedService) => Math.min(5_000, (endpoint.timeoutMs ?? 10_000) / 2);
const after = (ms: number) => new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms));

/** The `_search` URLs warmed this page load (base and type). */
const searchesWarmed = new Set<string>();

/**
 * Sends each endpoint's probe as soon as it is signed in (prefetch: one per endpoint,
 * shared with retrieval through the query cache). Called while the user reads the
 * permission question: no patient data is asked for.
 */
export function prefetchProbes(
  client: QueryClient,
  endpoints: readonly ProbedService[],
  accesses: ReadonlyMap<string, EndpointAccess>,
  options: ProbeOptions = {},
): void {
  for (const endpoint of endpoints) {
    const access = accesses.get(endpoint.id);
    if (!access) continue;
    void access
      .authorise()
      .then(async (auth) => {
        if (auth.state !== 'authorised') return;
        const transport = endpointTransport(endpoint, access, { headers: PROBE_HEADERS });
        await client.prefetchQuery(probeQuery(endpoint, transport, options));
        const probed = client.getQueryData<EndpointProbe>(sourceKeys.probe(endpoint.id));
        const key = `${endpoint.fhirBaseUrl} ${options.warmSearch}`;
        if (options.warmSearch && probed && !probed.batch && !searchesWarmed.has(key)) {
          searchesWarmed.add(key); // once per page load, as the probe: the preflight is cached by then
          await transport.warmSearchPost?.(options.warmSearch, withTimeout(new AbortController().signal, endpoint.timeoutMs));
        }
      })
      .catch(() => undefined);
  }
}

/**
 * An organisation first named after the decision (by the record locator) waits for its
 * token in a queue (smart/shared-sign-in.ts: the refresh token rotates, so tokens come one
 * after another). Meanwhile this pays its connection and the CORS preflight of its base
 * (fhir/warm.ts), with the header names the record's requests carry.
 */
export function warmWithoutToken(endpoint: ProbedService, fetchFn?: typeof fetch): void {
  warmBase(endpoint.fhirBaseUrl, { headers: { ...PROBE_HEADERS }, timeoutMs: endpoint.timeoutMs, ...(fetchFn ? { fetch: fetchFn } : {}) });
}

/**
 * Whether the endpoint's probe has answered; if not, and it is not on the way, it is warmed
 * without a token (warmWithoutToken). Retrieval then sends its batch at once (optimistic).
 */
export function warmUnlessProbed(client: QueryClient, endpoint: ProbedService): { probed: boolean } {
  const state = client.getQueryState(sourceKeys.probe(endpoint.id));
  if (state?.data !== undefined) return { probed: true };
  if (state?.fetchStatus !== 'fetching') warmWithoutToken(endpoint);
  return { probed: false };
}
