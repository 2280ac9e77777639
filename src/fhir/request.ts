/**
 * One FHIR request over fetch: headers from the caller for each URL, the FHIR JSON media
 * type, nothing cached, one re-authorisation on 401, and every failure a FhirError.
 */
import type { OperationOutcome } from 'fhir/r4';
import type { GetHeaders } from './types';
import { FhirError, isFhirError } from './errors';
import { httpFailure, rejectionFailure, unauthorizedFailure, unreadableFailure } from './failures';
import { isOperationOutcome } from './outcome-text';
import { parseRetryAfter } from './retry-after';

/** FHIR R4 http.html#mime-type. */
export const FHIR_JSON = 'application/fhir+json';

export interface RequestDeps {
  getHeaders: GetHeaders;
  onUnauthorized?: () => Promise<void>;
  fetch: typeof fetch;
  /** Largest body read from one answer (default MAX_RESPONSE_BYTES). */
  maxResponseBytes?: number;
  /** Bytes allowed across every answer of one source's retrieval (every page of every search). */
  budget?: ByteBudget;
}

/**
 * Largest answer read from a server: a record's page is a few MB at most, and a server
 * that sends more (a bug, or hostile) must not exhaust the tab's memory and with it every
 * other organisation's part of the record. 64 MiB leaves ample room for a 20 MB page.
 */
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/**
 * Most bytes read from one organisation in one retrieval, across all its searches and
 * pages. The per-answer limit alone would let a server send 64 MiB on each of 200 pages
 * of each search; this bounds the whole, so one organisation cannot exhaust the tab's
 * memory and with it every other organisation's part of the record.
 */
export const MAX_SOURCE_BYTES = 128 * 1024 * 1024;

/** A running count of the bytes read for one source, shared by every request of one retrieval. */
export interface ByteBudget {
  readonly max: number;
  /** Counts `bytes`; throws the source's failure (an unreadable answer) once the total passes `max`. */
  charge(bytes: number): void;
  /** Bytes counted so far. */
  used(): number;
}

const mb = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`);

export function createByteBudget(max = MAX_SOURCE_BYTES): ByteBudget {
  let used = 0;
  return {
    max,
    charge(bytes) {
      used += bytes;
      if (used > max) throw overBudget(max);
    },
    used: () => used,
  };
}

const overBudget = (max: number) =>
  unreadableFailure(`this organisation sent more than ${mb(max)} in all across its pages, so the rest was not read`);

export interface JsonRequest {
  method: 'GET' | 'POST';
  body?: unknown;
  /** A search's parameters as a form (`POST [type]/_search`, FHIR R4 §3.1.1.4 search): sent instead of a JSON body. */
  form?: string;
  /** A JSON body already serialised (the audit trail prepares its writes ahead: docs/adr/0013): sent instead of `body`. */
  json?: string;
  signal?: AbortSignal;
  /** Called once the request has been handed to the browser's fetch (the audit trail's "sent"). */
  onSent?: () => void;
}

/** Sends a request and resolves with the parsed JSON body of a 2xx answer. */
export type SendJson = (url: string, request: JsonRequest) => Promise<unknown>;

const NOT_JSON = Symbol('not JSON');

const tooLarge = (max: number, status: number) => unreadableFailure(`it is larger than ${mb(max)}`, status);

/**
 * The body as text, refusing (without reading on) one larger than `max` bytes or one that
 * takes the source's running total past its budget.
 */
async function readText(response: Response, max: number, budget?: ByteBudget): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > max || (budget && budget.used() + declared > budget.max)) {
    // Not awaited: some stream sources settle a cancel only when their producer notices.
    void response.body?.cancel().catch(() => undefined);
    if (declared > max) throw tooLarge(max, response.status);
    throw overBudget(budget!.max);
  }
  if (!response.body) {
    const text = await response.text();
    budget?.charge(new TextEncoder().encode(text).byteLength);
    return text;
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > max) {
      void reader.cancel().catch(() => undefined);
      throw tooLarge(max, response.status);
    }
    try {
      budget?.charge(value.byteLength);
    } catch (e) {
      void reader.cancel().catch(() => undefined);
      throw e;
    }
    text += decoder.decode(value, { stream: true });
  }
}

async function readBody(response: Response, signal?: AbortSignal, max = MAX_RESPONSE_BYTES, budget?: ByteBudget): Promise<unknown> {
  let text: string;
  try {
    text = await readText(response, max, budget);
  } catch (e) {
    if (isFhirError(e)) throw e;
    throw rejectionFailure(e, signal);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}

const outcomeOf = (body: unknown): OperationOutcome | undefined => (isOperationOutcome(body) ? body : undefined);

export function createSender(deps: RequestDeps): SendJson {
  // Parallel requests that all meet a 401 share one re-authorisation.
  let renewing: Promise<void> | undefined;
  const renew = (onUnauthorized: () => Promise<void>): Promise<void> =>
    (renewing ??= onUnauthorized().finally(() => {
      renewing = undefined;
    }));

  async function once(url: string, { method, body, form, json, signal, onSent }: JsonRequest): Promise<Response> {
    if (signal?.aborted) throw rejectionFailure(signal.reason, signal);
    let auth: Record<string, string>;
    try {
      auth = await deps.getHeaders(url);
    } catch (e) {
      throw new FhirError({ kind: 'unauthorized', reason: 'There is no sign-in for this organisation' }, { cause: e });
    }
    // A signal that ran out while the token was fetched: nothing is handed to fetch (nor said to be sent).
    if (signal?.aborted) throw rejectionFailure(signal.reason, signal);
    const headers: Record<string, string> = { ...auth, Accept: FHIR_JSON };
    if (form !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    else if (json !== undefined || body !== undefined) headers['Content-Type'] = FHIR_JSON;
    let sending: Promise<Response>;
    try {
      sending = deps.fetch(url, {
        method,
        headers,
        body: form ?? json ?? (body === undefined ? undefined : JSON.stringify(body)),
        signal,
        // Clinical data never reaches the HTTP cache (docs/standards.md, "Browser security"):
        // a GET is 'no-store'. A POST (the batch, the audit write) is 'default': a browser
        // neither stores nor reuses a fetch POST's response, and measured in Chromium
        // 'no-store' and 'no-cache' also bypass the CORS preflight cache, so every batch
        // paid a preflight that the probe had already paid (docs/adr/0005).
        cache: method === 'POST' ? 'default' : 'no-store',
        // Bearer tokens only: no cookies, so no ambient authority.
        credentials: 'omit',
        // A redirect is not followed: the request, and its token, stay on this origin.
        redirect: 'manual',
      });
    } catch (e) {
      throw rejectionFailure(e, signal);
    }
    onSent?.();
    try {
      return await sending;
    } catch (e) {
      throw rejectionFailure(e, signal);
    }
  }

  return async (url, request) => {
    let response = await once(url, request);
    if (response.status === 401 && deps.onUnauthorized) {
      // RFC 6750 §3.1: invalid_token means "ask for a new one"; one re-authorisation, one retry.
      const first = await readBody(response, request.signal, deps.maxResponseBytes, deps.budget);
      try {
        await renew(deps.onUnauthorized);
      } catch (e) {
        throw unauthorizedFailure(outcomeOf(first), e);
      }
      response = await once(url, request);
    }
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      await response.body?.cancel();
      throw new FhirError({
        kind: 'http',
        status: response.status || undefined,
        reason: 'The server redirected the request elsewhere; it was not followed',
      });
    }
    const body = await readBody(response, request.signal, deps.maxResponseBytes, deps.budget);
    if (response.status === 401) throw unauthorizedFailure(outcomeOf(body));
    if (!response.ok) {
      throw httpFailure(response.status, outcomeOf(body), parseRetryAfter(response.headers.get('retry-after')), response.statusText);
    }
    if (body === NOT_JSON) throw unreadableFailure('it is not JSON', response.status);
    return body;
  };
}
