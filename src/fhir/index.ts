/**
 * FHIR transport: fetch with typed errors, paging, batch. Knows nothing of tokens; the
 * session boundary (smart/) supplies getHeaders and onUnauthorized.
 */
export { createFhirTransport, expectedResourceType } from './transport';
export { searchEach, isBatchRefused } from './search-each';
export { untilAborted, withTimeout, withTimeoutFrom } from './timeout';
export { warmedProbe, warmWithoutToken } from './warm';
export { createByteBudget, MAX_SOURCE_BYTES, MAX_RESPONSE_BYTES, type ByteBudget } from './request';
export { FhirError, isFhirError } from './errors';
export { rejectionFailure } from './failures';
export { outcomeText } from './outcome-text';
export type * from './types';
