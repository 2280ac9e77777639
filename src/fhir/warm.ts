import { createFhirTransport } from './transport';
import { withTimeout } from './timeout';
import type { EndpointProbe } from './types';

/** Per base: what the token-less probe learnt, or undefined where it failed (401, network, time). */
const warmed = new Map<string, Promise<EndpointProbe | undefined>>();

const baseOf = (baseUrl: string) => baseUrl.replace(/\/+$/, '');

/**
 * Pays a FHIR server's connection and the CORS preflight of a POST at its base, with no
 * token and asking for no patient data: the probe's batch of `GET metadata` (transport.ts),
 * which SMART servers answer without authorisation (docs/deploying.md; a 401 still pays
 * the preflight, but logs a failed request). The browser caches the preflight for the
 * server's `Access-Control-Max-Age`, so a later authorised POST at the same base (a batch)
 * sends no preflight of its own where the server lists `Authorization` in
 * `Access-Control-Allow-Headers`; where it only echoes the headers asked, that POST pays
 * its own preflight, as it would have. Once per base per page load.
 *
 * Its answer is kept (`warmedProbe`): a server that answered it has said whether it takes
 * a batch and what it offers, so the authorised probe need not be sent again.
 */
export function warmWithoutToken(baseUrl: string, opts: { headers?: Record<string, string>; timeoutMs?: number; fetch?: typeof fetch } = {}): void {
  const base = baseOf(baseUrl);
  if (warmed.has(base)) return; // once per page load: the preflight is cached by then
  const headers = { ...opts.headers };
  const transport = createFhirTransport({ baseUrl: base, getHeaders: async () => headers, ...(opts.fetch ? { fetch: opts.fetch } : {}) });
  const probe = transport.probe ? transport.probe(withTimeout(new AbortController().signal, opts.timeoutMs ?? 10_000)) : Promise.resolve(undefined);
  // Only a batch it answered says what the server offers: a refusal without a token (401,
  // 403 from a gateway, 5xx) says nothing of what it does with one, so the probe asks again.
  warmed.set(base, probe.then((p) => (p?.batch ? p : undefined), () => undefined));
}

/**
 * The answer of this page's token-less probe of `baseUrl`, when one was sent: the same
 * question (a batch of `GET metadata` at the base) the authorised probe asks, answered by
 * the server itself. Resolves to undefined where it was not answered (a server that wants a
 * token even for that): ask again with the token. Undefined where none was sent.
 */
export function warmedProbe(baseUrl: string): Promise<EndpointProbe | undefined> | undefined {
  return warmed.get(baseOf(baseUrl));
}
