/**
 * Several searches at one endpoint: one batch if the server takes it, else each search on
 * its own in parallel. FHIR R4 lets a server decline batch (http.html#transaction, 405 or
 * 501; some answer 400 or a non-Bundle), and the viewer must still show that source.
 */
import type { BatchSearchResult, FhirTransport, SearchProgress } from './types';
import { isFhirError } from './errors';

/** A batch failure that a plain search would not share: the server refused batch itself. */
export function isBatchRefused(error: unknown): boolean {
  return isFhirError(error) && (error.kind === 'http' || error.kind === 'unreadable');
}

export async function searchEach(
  transport: FhirTransport,
  paths: string[],
  opts: { signal?: AbortSignal; onPage?: (p: SearchProgress) => void; batch?: boolean } = {},
): Promise<BatchSearchResult[]> {
  const { batch = true, ...searchOpts } = opts;
  if (batch && paths.length > 1) {
    try {
      return await transport.batchSearch(paths, searchOpts);
    } catch (e) {
      if (!isBatchRefused(e)) throw e;
    }
  }
  return Promise.all(
    paths.map(async (path): Promise<BatchSearchResult> => {
      try {
        return { path, ok: true, result: await transport.searchAll(path, searchOpts) };
      } catch (e) {
        if (!isFhirError(e) || e.kind === 'aborted') throw e;
        return { path, ok: false, error: e };
      }
    }),
  );
}
