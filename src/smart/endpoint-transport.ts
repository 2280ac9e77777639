/**
 * A FhirTransport for one endpoint through its access: headers from the access (which
 * pins its token to its origin), and one re-authorisation of that endpoint alone on a 401.
 * The features layer builds its queries on this; it never sees a token.
 */
import type { EndpointConfiguration } from '../config/types';
import { createFhirTransport } from '../fhir/transport';
import type { FhirTransport, TransportOptions } from '../fhir/types';
import type { EndpointAccess } from './endpoint-access';

export function endpointTransport(
  endpoint: Pick<EndpointConfiguration, 'fhirBaseUrl'>,
  access: EndpointAccess,
  opts: Pick<TransportOptions, 'fetch' | 'maxPages' | 'budget'> & {
    /**
     * Extra request headers, e.g. X-Request-Id and X-Purpose-Of-Use for the audit trail
     * (docs/adr/0003). Added after the access has checked the URL's origin, so they too
     * go only to this endpoint; they cannot replace Authorization.
     */
    headers?: Record<string, string>;
  } = {},
): FhirTransport {
  const { headers, ...transportOpts } = opts;
  return createFhirTransport({
    ...transportOpts,
    baseUrl: endpoint.fhirBaseUrl,
    getHeaders: async (url) => ({ ...headers, ...(await access.getHeaders(url)) }),
    onUnauthorized: () => access.reauthorise(),
  });
}
