import type { SourceProblem } from '../../domain/source-status';
import { isFhirError } from '../../fhir/errors';

/**
 * Whether trying the same request again may work: a network failure, a timeout, a server
 * error, 408 or 429 (RFC 9110 §15.5.9, RFC 6585 §4). Other 4xx answers will not change on
 * retry, and unreadable content or a bad paging link are the server's to fix.
 */
export function isRetryable(error: unknown): boolean {
  if (!isFhirError(error)) return true; // unknown: let the user try again
  switch (error.kind) {
    case 'network':
    case 'timeout':
      return true;
    case 'http':
      return error.status === undefined || error.status >= 500 || error.status === 408 || error.status === 429;
    default:
      return false;
  }
}

/**
 * The plain reason for the source status strip. FhirError.reason is written for people and
 * never holds a token; anything else is a bug, so it gets a neutral sentence rather than
 * its message (which may hold a URL or server text).
 */
export function plainReason(error: unknown): string {
  return isFhirError(error) ? error.reason : 'An unexpected error stopped the search';
}

/** Seconds the server asked us to wait, if it said. */
export function retryAfterOf(error: unknown): number | undefined {
  return isFhirError(error) ? error.retryAfterSeconds : undefined;
}

/** A 401 that survived the one re-authorisation: the user must sign in again. */
export function isUnauthorized(error: unknown): boolean {
  return isFhirError(error) && error.kind === 'unauthorized';
}

/** The query was cancelled by its owner (unmount, refetch): not a source failure. */
export function isCancelled(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

/** The kind of problem, for the plain-English message (domain SourceProblem). */
export function problemOf(error: unknown): SourceProblem | undefined {
  if (!isFhirError(error)) return undefined;
  switch (error.kind) {
    case 'network':
      return 'unreachable';
    case 'timeout':
      return 'not-answering';
    case 'unauthorized':
      return 'rejected-sign-in';
    case 'unreadable':
    case 'bad-link':
      return 'unreadable';
    case 'http':
      if (error.status === 429 || (error.status === 503 && error.retryAfterSeconds !== undefined)) return 'busy';
      if (error.status === undefined || error.status >= 500) return 'server-error';
      return error.status === 408 ? 'server-error' : 'refused';
    default:
      return undefined;
  }
}
