/**
 * Batch at the base (FHIR R4 http.html#transaction): each entry's GET runs through the
 * same engine as a direct request, so entries get the same paging links and errors.
 * Entries that would write are answered 405 one by one, and a transaction is refused:
 * the endpoint is read-only. Medplum's own processBatch is not used because it would
 * also carry out writes and return searchsets without links.
 */
import type { Bundle, BundleEntry, Resource } from 'fhir/r4';
import type { FhirEngine } from './engine';
import { failure, outcome, STATUS_TEXT, type FhirResult } from './outcome';

function isBundle(value: unknown): value is Bundle {
  return typeof value === 'object' && value !== null && (value as Resource).resourceType === 'Bundle';
}

export async function processBatch(body: unknown, engine: FhirEngine, baseUrl: string): Promise<FhirResult> {
  if (!isBundle(body)) return failure(400, 'invalid', 'POST at the base expects a Bundle of type batch');
  if (body.type === 'transaction') return failure(400, 'not-supported', 'Transactions are not supported: this endpoint is read-only. Send a batch of GET entries');
  if (body.type !== 'batch') return failure(400, 'invalid', `Bundle.type must be batch, got ${String(body.type)}`);
  // Entries are independent (http.html#transaction, batch): answered concurrently, as a
  // server with a pool of workers does, and returned in request order.
  const entry: BundleEntry[] = await Promise.all(
    (body.entry ?? []).map(async (e, i): Promise<BundleEntry> => {
      const method = e.request?.method;
      const url = e.request?.url;
      if (!method || !url) return errorEntry(400, 'invalid', `Bundle.entry[${i}].request needs a method and a url`);
      if (method !== 'GET') return errorEntry(405, 'not-supported', `Bundle.entry[${i}]: ${method} is not allowed; this endpoint is read-only`);
      const relative = url.startsWith(`${baseUrl}/`) ? url.slice(baseUrl.length + 1) : url.replace(/^\/+/, '');
      const result = await engine.get(relative, baseUrl);
      return result.status === 200
        ? { resource: result.body, response: { status: `200 ${STATUS_TEXT[200]}`, ...(result.headers?.etag ? { etag: result.headers.etag } : {}) } }
        : { response: { status: `${result.status} ${STATUS_TEXT[result.status] ?? ''}`.trim(), outcome: result.body } };
    }),
  );
  return { status: 200, body: { resourceType: 'Bundle', type: 'batch-response', ...(entry.length ? { entry } : {}) } as Bundle };
}

function errorEntry(status: number, code: 'invalid' | 'not-supported', diagnostics: string): BundleEntry {
  return { response: { status: `${status} ${STATUS_TEXT[status] ?? ''}`.trim(), outcome: outcome(code, diagnostics) } };
}
