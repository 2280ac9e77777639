/**
 * Many searches in one round trip: a `batch` Bundle of GET entries POSTed to the base
 * (FHIR R4 http.html#transaction). Each entry of the `batch-response` succeeds or fails
 * on its own, so one refused search never hides the others.
 */
import type { Bundle, BundleEntry } from 'fhir/r4';
import { FhirError } from './errors';
import { httpFailure, unreadableFailure } from './failures';
import { isOperationOutcome } from './outcome-text';

export function batchRequest(paths: readonly string[]): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'batch',
    // Relative URLs: http.html#transaction resolves them against the base the batch is sent to.
    entry: paths.map((url) => ({ request: { method: 'GET', url: url.replace(/^\/+/, '') } })),
  };
}

/** The response entries, one per request entry and in the same order (http.html#transaction-response). */
export function batchResponseEntries(body: unknown, expected: number): BundleEntry[] {
  const b = body as Bundle | null;
  if (typeof b !== 'object' || b === null || b.resourceType !== 'Bundle' || b.type !== 'batch-response') {
    throw unreadableFailure('expected a batch-response Bundle');
  }
  const entries = b.entry ?? [];
  if (entries.length !== expected) throw unreadableFailure(`the batch answered ${entries.length} of ${expected} searches`);
  return entries;
}

/** Status code of `response.status` ("200 OK", "404"); undefined if unreadable. */
export function entryStatus(entry: BundleEntry): number | undefined {
  const m = /^\s*(\d{3})\b/.exec(entry.response?.status ?? '');
  return m ? Number(m[1]) : undefined;
}

/** Why one entry failed, with the entry's OperationOutcome (response.outcome, or the resource). */
export function entryFailure(entry: BundleEntry, status: number | undefined): FhirError {
  if (status === undefined) return unreadableFailure('a batch entry has no status');
  const outcome = [entry.response?.outcome, entry.resource].find(isOperationOutcome);
  if (status >= 200 && status < 300) return unreadableFailure('a batch entry is not a search result', status);
  return httpFailure(status, outcome);
}
