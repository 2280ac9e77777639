/**
 * Transport contract: FHIR REST over fetch, given a base URL and a way to get request
 * headers. Knows nothing of tokens or React (architecture: fhir/ takes (baseUrl,
 * getHeaders)). Implementations: fhir/transport.ts.
 */
import type { Bundle, CapabilityStatement, FhirResource, OperationOutcome } from 'fhir/r4';
import type { FhirError } from './errors';
import type { ByteBudget } from './request';

/** Supplies headers (e.g. Authorization) for a URL; must refuse URLs off its origin. */
export type GetHeaders = (url: string) => Promise<Record<string, string>>;

export interface TransportOptions {
  baseUrl: string;
  getHeaders: GetHeaders;
  /** Called once on a 401; resolves when new credentials are ready (one retry follows). */
  onUnauthorized?: () => Promise<void>;
  fetch?: typeof fetch;
  /** Most pages to follow for one search before giving up (guards a runaway server). */
  maxPages?: number;
  /** Largest answer read from the server, in bytes (guards the tab's memory); request.ts MAX_RESPONSE_BYTES by default. */
  maxResponseBytes?: number;
  /**
   * The source's running byte count (request.ts createByteBudget), shared by every request
   * of one retrieval so that the bytes of all its pages are bounded together.
   */
  budget?: ByteBudget;
}

/** A search's first page as answered: its resources and outcomes, and whether it is the whole search (no `next` link). */
export interface FirstPage {
  result: SearchResult;
  complete: boolean;
}

export interface SearchProgress {
  pages: number;
  resources: number;
}

export interface FhirTransport {
  baseUrl: string;
  /** GET {base}/{path}; path relative to the base, e.g. "Patient?identifier=…". */
  get<T extends FhirResource = FhirResource>(path: string, signal?: AbortSignal): Promise<T>;
  /** A search followed through every `next` link; returns every entry resource (match and include). */
  searchAll(path: string, opts?: { signal?: AbortSignal; onPage?: (p: SearchProgress) => void; post?: boolean }): Promise<SearchResult>;
  /**
   * POST a batch Bundle of GET searches; each entry's searchset is followed through its
   * pages. `onFirstPages`: the batch's own answer, each search's first page (undefined where
   * that entry failed), given before any later page is asked, for work that may start early;
   * what the call resolves with is still the only answer to use.
   */
  batchSearch(paths: string[], opts?: { signal?: AbortSignal; onPage?: (p: SearchProgress) => void; onFirstPages?: (pages: ReadonlyArray<FirstPage | undefined>) => void }): Promise<BatchSearchResult[]>;
  /**
   * What the server offers, asked the way later batches are sent (transport.ts): asks for
   * no patient data. Optional: a transport without it is asked for `metadata` instead.
   */
  probe?(signal?: AbortSignal): Promise<EndpointProbe>;
  /**
   * A `POST [type]/_search` that asks for nothing about anyone (`_id` of no resource),
   * sent before the permission decision to pay the CORS preflight of the URL a later
   * `searchAll(…, { post: true })` uses; its answer, or refusal, is not used. Optional.
   */
  warmSearchPost?(type: string, signal?: AbortSignal): Promise<void>;
}

/** Whether the server took a batch at its base, and its CapabilityStatement where it gave one. */
export interface EndpointProbe {
  batch: boolean;
  statement?: CapabilityStatement;
}

export interface SearchResult {
  resources: FhirResource[];
  /** Entries with search.mode = outcome (e.g. the server withheld data). */
  outcomes: OperationOutcome[];
  pages: number;
  /** The first page's `total` (matches across every page), where the server gave one. */
  total?: number;
}

export type BatchSearchResult = { path: string; ok: true; result: SearchResult } | { path: string; ok: false; error: FhirError };

/** Named error kinds; `reason` is plain English for the source status strip. */
export type FhirErrorKind =
  | 'http' // non-2xx; status and the server's OperationOutcome kept
  | 'unauthorized' // 401 after the one re-authorisation
  | 'network' // connection refused, DNS, CORS
  | 'timeout'
  | 'aborted'
  | 'unreadable' // not JSON, or JSON that is not the FHIR expected
  | 'bad-link'; // next link off the base URL, or looping

export interface FhirErrorShape {
  kind: FhirErrorKind;
  reason: string;
  status?: number;
  outcome?: OperationOutcome;
  /** Seconds from Retry-After, where the server sent one. */
  retryAfterSeconds?: number;
}

export type { Bundle };
