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
  opts: Pick<TransportOptions, 'fetch' | 'maxPages'> = {},
): FhirTransport {
  return createFhirTransport({
    ...opts,
    baseUrl: endpoint.fhirBaseUrl,
    getHeaders: (url) => access.getHeaders(url),
    onUnauthorized: () => access.reauthorise(),
  });
}
