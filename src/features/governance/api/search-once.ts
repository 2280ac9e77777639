import type { FhirTransport, SearchResult } from '../../../fhir/types';

/**
 * One search at a governance service (the objection register, the record locator), after
 * the permission is recorded. Where the service takes a batch (its probe, sent while the
 * user read the question), the search goes as a one-entry batch to the base, whose CORS
 * preflight is already paid, instead of a GET whose URL (it holds the NHS number) needs a
 * preflight of its own: one round trip instead of two. A service without batch may be
 * searched with `POST [type]/_search` (`post`), whose URL, the same for every patient, had
 * its preflight paid before the decision.
 */
export async function searchOnce(
  transport: FhirTransport,
  path: string,
  opts: { signal: AbortSignal; batch?: () => Promise<boolean>; leftOut: string; post?: boolean },
): Promise<SearchResult> {
  const useBatch = await (opts.batch?.() ?? Promise.resolve(false)).catch(() => false);
  // Otherwise a search, as `POST [type]/_search` where asked (its preflight paid before the decision: transport.ts).
  if (!useBatch) return transport.searchAll(path, { signal: opts.signal, ...(opts.post ? { post: true } : {}) });
  const [entry] = await transport.batchSearch([path], { signal: opts.signal });
  if (!entry) throw new Error(opts.leftOut);
  if (!entry.ok) throw entry.error;
  return entry.result;
}
