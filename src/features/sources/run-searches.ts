import type { FhirTransport, FirstPage, SearchProgress, SearchResult } from '../../fhir/types';
import { FhirError, isFhirError } from '../../fhir/errors';
import type { SummarySearch } from './summary-searches';

export type SearchOutcome<S extends { path: string } = SummarySearch> =
  | { search: S; ok: true; result: SearchResult }
  | { search: S; ok: false; error: unknown };

export interface RunSearchesOptions {
  useBatch: boolean;
  signal: AbortSignal;
  /** `key` tells apart concurrent searches so their page counts can be added up. */
  onPage: (key: string, progress: SearchProgress) => void;
  /**
   * Asked when the batch was refused: whether to ask search by search (default yes). Not
   * where the server is known to take a batch (its probe, a batch, was answered): it refused
   * these searches, not batch, and asking each again would only be refused again.
   */
  fallBack?: () => boolean | Promise<boolean>;
  /** As a batch is answered: each search's first page, in the order of `searches` (FhirTransport.batchSearch). Not called without a batch. */
  onFirstPages?: (pages: ReadonlyArray<FirstPage | undefined>) => void;
}

/**
 * How a server refuses a batch it does not take (FHIR R4 http.html#transaction: 405 or
 * 501; some answer 400, 404 or something that is not a batch-response): worth asking
 * search by search. A 5xx or 429 is not a refusal: searches one by one would only add load.
 */
const BATCH_REFUSED = new Set([400, 404, 405, 415, 422, 501]);

function batchRefused(e: unknown): boolean {
  if (!isFhirError(e)) return false;
  return e.kind === 'unreadable' || (e.kind === 'http' && e.status !== undefined && BATCH_REFUSED.has(e.status));
}

/**
 * Runs the summary's searches as one batch (one round trip, one connection) when the
 * server offers batch, else side by side. Each search settles on its own, so one failing
 * never loses the others (the fan-out rule of architecture habit 4, one level down). A
 * batch the server refuses outright falls back to separate searches, unless the caller
 * knows it takes batch (`fallBack`).
 */
export async function runSearches<S extends { path: string } = SummarySearch>(transport: FhirTransport, searches: S[], opts: RunSearchesOptions): Promise<SearchOutcome<S>[]> {
  const { signal, onPage } = opts;
  if (opts.useBatch) {
    try {
      const results = await transport.batchSearch(
        searches.map((s) => s.path),
        { signal, onPage: (p) => onPage('batch', p), ...(opts.onFirstPages ? { onFirstPages: opts.onFirstPages } : {}) },
      );
      return searches.map((search, i): SearchOutcome<S> => {
        const r = results.find((x) => x.path === search.path) ?? results[i];
        if (!r) return { search, ok: false, error: new FhirError({ kind: 'unreadable', reason: 'The batch answer left out a search' }) };
        return r.ok ? { search, ok: true, result: r.result } : { search, ok: false, error: r.error };
      });
    } catch (error) {
      if (signal.aborted || !batchRefused(error) || !(await (opts.fallBack ?? (() => true))())) return searches.map((search) => ({ search, ok: false, error }));
    }
  }
  return Promise.all(
    searches.map((search) =>
      transport.searchAll(search.path, { signal, onPage: (p) => onPage(search.path, p) }).then(
        (result): SearchOutcome<S> => ({ search, ok: true, result }),
        (error: unknown): SearchOutcome<S> => ({ search, ok: false, error }),
      ),
    ),
  );
}
