/**
 * FHIR REST over fetch for one endpoint (architecture: fhir/ takes baseUrl and getHeaders
 * and knows nothing of tokens or React). Read, search followed through its pages, and
 * batch search; every failure is a FhirError that keeps the server's OperationOutcome.
 */
import type { Bundle, BundleEntry, CapabilityStatement, FhirResource } from 'fhir/r4';
import type { BatchSearchResult, EndpointProbe, FhirTransport, FirstPage, SearchProgress, TransportOptions } from './types';
import { isFhirError } from './errors';
import { badLinkFailure, rejectionFailure, unreadableFailure } from './failures';
import { isUnderBase, resolveAgainstBase, withoutTrailingSlash } from './base-url';
import { createSender } from './request';
import { DEFAULT_MAX_PAGES, firstPageOf, followSearch, isSearchset, progressCounter, type ProgressCounter } from './search-pages';
import { batchRequest, batchResponseEntries, entryFailure, entryStatus } from './batch';
import { isBatchRefused } from './search-each';

/**
 * Most pages asked in one batch: a large record's pages (500 matches each at the sandbox)
 * stay a few MB per answer, and a server's limit on a batch's entries is not met.
 */
export const PAGES_PER_BATCH = 10;

interface SearchOpts {
  signal?: AbortSignal;
  onPage?: (p: SearchProgress) => void;
  /** Send the search as `POST [type]/_search` with its parameters as a form (searchAll only): see there. */
  post?: boolean;
  /** batchSearch only: see FhirTransport.batchSearch. */
  onFirstPages?: (pages: ReadonlyArray<FirstPage | undefined>) => void;
}

/**
 * The resource type a read of `path` must answer with: `Type/id[/_history/v]` → Type,
 * `Type?…` → a Bundle; undefined (any resource) for operations and anything else.
 */
export function expectedResourceType(path: string): string | undefined {
  const segments = path.split(/[?#]/)[0]!.split('/').filter(Boolean);
  const [type, id] = segments;
  if (!type || !/^[A-Z][A-Za-z]+$/.test(type) || id?.startsWith('$') || segments.at(-1)?.startsWith('$')) return undefined;
  return id === undefined ? 'Bundle' : type;
}

/** Answers to `POST [type]/_search` meaning "not searched that way here": then the GET. */
const POST_SEARCH_REFUSED = new Set([400, 404, 405, 415, 501]);

/** A batch entry's searchset, where the entry was answered 2xx with one; undefined otherwise. */
function answeredSearchset(entry: BundleEntry): Bundle | undefined {
  const status = entryStatus(entry);
  return status !== undefined && status >= 200 && status < 300 && isSearchset(entry.resource) ? entry.resource : undefined;
}

export function createFhirTransport(opts: TransportOptions): FhirTransport {
  const baseUrl = withoutTrailingSlash(opts.baseUrl);
  const maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
  // Looked up per call: MSW and test doubles replace globalThis.fetch after modules load.
  const send = createSender({ ...opts, fetch: opts.fetch ?? ((input, init) => globalThis.fetch(input, init)) });

  /** The URL for a path, refused before any header is built if it is not under the base. */
  function urlFor(path: string): string {
    const url = resolveAgainstBase(baseUrl, path);
    if (!isUnderBase(url, baseUrl)) throw badLinkFailure('The request does not belong to this organisation’s FHIR service');
    return url;
  }

  const follow = (url: string, first: unknown, signal: AbortSignal | undefined, progress: ProgressCounter, fetchPage?: (next: string) => Promise<unknown>) =>
    followSearch(url, first, { baseUrl, maxPages, progress, fetchPage: fetchPage ?? ((next) => send(next, { method: 'GET', signal })) });

  /**
   * The next pages of a batch's searches, asked together: every page wanted in the same
   * turn (each search's next link, or every page of an offset plan: search-pages.ts) goes
   * in a batch to the base, whose CORS preflight is already cached, where a GET of each
   * link would cost a preflight per distinct URL as well; a single page too, as the server
   * has just taken a batch. At most PAGES_PER_BATCH pages in one batch, the batches sent
   * side by side. An entry the server will not answer inside a batch is asked by itself
   * with a GET, as before.
   */
  function pageBatcher(signal: AbortSignal | undefined): (next: string) => Promise<unknown> {
    let waiting: { url: string; resolve: (body: unknown) => void; reject: (e: unknown) => void }[] = [];
    const flush = () => {
      for (let i = 0; i < waiting.length; i += PAGES_PER_BATCH) ask(waiting.slice(i, i + PAGES_PER_BATCH));
      waiting = [];
    };
    const ask = (asked: typeof waiting) => {
      const direct = (w: (typeof asked)[number]) => send(w.url, { method: 'GET', signal }).then(w.resolve, w.reject);
      const paths = asked.map((w) => w.url.slice(baseUrl.length).replace(/^\/+/, ''));
      send(baseUrl, { method: 'POST', body: batchRequest(paths), signal }).then(
        (body) => {
          let entries;
          try {
            entries = batchResponseEntries(body, asked.length);
          } catch {
            for (const w of asked) void direct(w);
            return;
          }
          asked.forEach((w, i) => {
            const page = answeredSearchset(entries[i]!);
            if (page) w.resolve(page);
            else void direct(w);
          });
        },
        (e: unknown) => {
          for (const w of asked) w.reject(e);
        },
      );
    };
    return (url) =>
      new Promise((resolve, reject) => {
        if (waiting.length === 0) queueMicrotask(flush);
        waiting.push({ url, resolve, reject });
      });
  }

  return {
    baseUrl,

    async get<T extends FhirResource = FhirResource>(path: string, signal?: AbortSignal): Promise<T> {
      const body = await send(urlFor(path), { method: 'GET', signal });
      const type = (body as { resourceType?: unknown } | null)?.resourceType;
      const expected = expectedResourceType(path);
      if (typeof type !== 'string' || (expected !== undefined && type !== expected)) {
        throw unreadableFailure(expected ? `expected ${expected}` : 'it is not a FHIR resource');
      }
      return body as T;
    },

    /**
     * `post`: the search goes as `POST [base]/[type]/_search`, its parameters in a form body
     * (FHIR R4 http §3.1.1.4: the same search as the GET), so that the URL holds no patient
     * identifier and is the same for every patient: its CORS preflight can be paid before
     * anything about the patient is asked (warmSearchPost). A server that refuses it (an
     * HTTP error answer) is asked with the GET instead; later pages follow the server's links.
     */
    async searchAll(path, { signal, onPage, post = false }: SearchOpts = {}) {
      const url = urlFor(path);
      const at = path.indexOf('?');
      if (post && at > 0) {
        let first: unknown;
        try {
          first = await send(urlFor(`${path.slice(0, at)}/_search`), { method: 'POST', form: path.slice(at + 1), signal });
        } catch (e) {
          // Only where the server says it does not search that way; a failure (5xx, 429, 401, 403) is the answer.
          if (signal?.aborted || !(isFhirError(e) && e.kind === 'http' && POST_SEARCH_REFUSED.has(e.status ?? 0))) throw e;
        }
        if (first !== undefined) return follow(url, first, signal, progressCounter(onPage));
      }
      const first = await send(url, { method: 'GET', signal });
      return follow(url, first, signal, progressCounter(onPage));
    },

    async warmSearchPost(type, signal) {
      // `_id` of no resource: a search that matches nothing, for a server that answers it at all.
      await send(urlFor(`${type}/_search`), { method: 'POST', form: '_id=no-such-resource', signal });
    },

    /**
     * A batch holding only `GET metadata`, POSTed to the base exactly as the record's batch
     * will be: it asks for no patient data, tells whether the server takes a batch (it
     * answered one) and, sent while the user reads the permission question, pays that
     * URL's CORS preflight (cached for the server's Access-Control-Max-Age) and opens the
     * connection. A server that refuses batch is asked `GET metadata` instead.
     */
    async probe(signal?: AbortSignal): Promise<EndpointProbe> {
      try {
        const body = await send(baseUrl, { method: 'POST', body: batchRequest(['metadata']), signal });
        const [entry] = batchResponseEntries(body, 1);
        const statement = entry && entryStatus(entry) === 200 && (entry.resource as { resourceType?: string } | undefined)?.resourceType === 'CapabilityStatement'
          ? (entry.resource as CapabilityStatement)
          : undefined;
        return { batch: true, ...(statement ? { statement } : {}) };
      } catch (e) {
        if (signal?.aborted || !isBatchRefused(e)) throw e;
      }
      const statement = (await send(urlFor('metadata'), { method: 'GET', signal })) as CapabilityStatement;
      return { batch: false, ...(statement?.resourceType === 'CapabilityStatement' ? { statement } : {}) };
    },

    async batchSearch(paths, { signal, onPage, onFirstPages }: SearchOpts = {}): Promise<BatchSearchResult[]> {
      if (paths.length === 0) return [];
      const urls = paths.map(urlFor);
      // A server that refuses batch (405, 501, 400…) throws here: the caller falls back (search-each.ts).
      const body = await send(baseUrl, { method: 'POST', body: batchRequest(paths), signal });
      const entries = batchResponseEntries(body, paths.length);
      if (onFirstPages) {
        const pages = entries.map((entry) => {
          const page = answeredSearchset(entry);
          return page && firstPageOf(page);
        });
        try {
          onFirstPages(pages);
        } catch {
          // Early work only: the answer below is the one that counts.
        }
      }
      const progress = progressCounter(onPage);
      const nextPage = pageBatcher(signal);
      return Promise.all(
        paths.map(async (path, i): Promise<BatchSearchResult> => {
          const entry = entries[i]!;
          const page = answeredSearchset(entry);
          if (!page) return { path, ok: false, error: entryFailure(entry, entryStatus(entry)) };
          try {
            return { path, ok: true, result: await follow(urls[i]!, page, signal, progress, nextPage) };
          } catch (e) {
            // Cancelling the call cancels it whole; any other failure belongs to this entry.
            if (signal?.aborted) throw rejectionFailure(e, signal);
            return { path, ok: false, error: isFhirError(e) ? e : rejectionFailure(e) };
          }
        }),
      );
    },
  };
}
