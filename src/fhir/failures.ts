/**
 * Turns what can go wrong with one FHIR request into a FhirError with a plain reason.
 * Reasons never hold a URL or a token (errors.ts); the server's own explanation is kept
 * as its OperationOutcome and quoted, shortened, in the reason.
 */
import type { OperationOutcome } from 'fhir/r4';
import { FhirError, isFhirError } from './errors';
import { outcomeText } from './outcome-text';

/** Reason phrases for the statuses FHIR servers send (RFC 9110 §15); HTTP/2 sends none. */
const STATUS_TEXT: Record<number, string> = {
  300: 'Multiple Choices', 301: 'Moved Permanently', 302: 'Found', 303: 'See Other', 307: 'Temporary Redirect',
  308: 'Permanent Redirect', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 406: 'Not Acceptable', 408: 'Request Timeout', 409: 'Conflict', 410: 'Gone',
  412: 'Precondition Failed', 413: 'Content Too Large', 422: 'Unprocessable Content', 429: 'Too Many Requests',
  500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function statusLine(status: number, statusText = ''): string {
  const text = STATUS_TEXT[status] ?? (/^[\x20-\x7e]{1,40}$/.test(statusText) ? statusText : '');
  return text ? `${status} ${text}` : String(status);
}

function withOutcome(prefix: string, outcome: OperationOutcome | undefined): string {
  const text = outcomeText(outcome);
  return text ? `${prefix}: ${text}` : prefix;
}

/** A non-2xx answer (FHIR R4 http.html: errors come with an OperationOutcome). */
export function httpFailure(status: number, outcome?: OperationOutcome, retryAfterSeconds?: number, statusText?: string): FhirError {
  return new FhirError({
    kind: 'http',
    status,
    outcome,
    retryAfterSeconds,
    reason: withOutcome(`The server answered ${statusLine(status, statusText)}`, outcome),
  });
}

/** 401 after the one re-authorisation (RFC 6750 §3.1 invalid_token, or no token at all). */
export function unauthorizedFailure(outcome?: OperationOutcome, cause?: unknown): FhirError {
  return new FhirError(
    { kind: 'unauthorized', status: 401, outcome, reason: withOutcome('The server did not accept the sign-in (401 Unauthorized)', outcome) },
    { cause },
  );
}

export function unreadableFailure(what: string, status?: number): FhirError {
  return new FhirError({ kind: 'unreadable', status, reason: `The server’s answer could not be read: ${what}` });
}

export function badLinkFailure(reason: string): FhirError {
  return new FhirError({ kind: 'bad-link', reason });
}

/**
 * A rejected fetch or body read. An AbortSignal.timeout() aborts with a DOMException named
 * TimeoutError (DOM Standard, "AbortSignal.timeout"): that is a timeout, any other abort
 * is the caller cancelling. Anything else is the network (refused, DNS, CORS).
 */
export function rejectionFailure(error: unknown, signal?: AbortSignal): FhirError {
  if (isFhirError(error)) return error;
  const reason: unknown = signal?.aborted ? signal.reason : error;
  const name = typeof reason === 'object' && reason !== null ? (reason as { name?: unknown }).name : undefined;
  if (name === 'TimeoutError') {
    return new FhirError({ kind: 'timeout', reason: 'The server did not answer in time' }, { cause: error });
  }
  if (signal?.aborted || name === 'AbortError') {
    return new FhirError({ kind: 'aborted', reason: 'The request was cancelled' }, { cause: error });
  }
  return new FhirError({ kind: 'network', reason: 'Could not connect to the server' }, { cause: error });
}
