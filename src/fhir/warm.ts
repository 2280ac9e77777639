import { createFhirTransport } from './transport';
import { withTimeout } from './timeout';

const warmed = new Set<string>();

/**
 * Pays a FHIR server's connection and the CORS preflight of a POST at its base, with no
 * token and asking for no patient data: the probe's batch of `GET metadata` (transport.ts),
 * which SMART servers answer without authorisation (docs/deploying.md; a 401 still pays
 * the preflight, but logs a failed request). The answer is not used. The browser caches
 * the preflight for the server's `Access-Control-Max-Age`, so a later authorised POST at
 * the same base (a batch) sends no preflight of its own where the server lists
 * `Authorization` in `Access-Control-Allow-Headers`; where it only echoes the headers
 * asked, that POST pays its own preflight, as it would have. Once per base per page load.
 */
export function warmWithoutToken(baseUrl: string, opts: { headers?: Record<string, string>; timeoutMs?: number; fetch?: typeof fetch } = {}): void {
  const base = baseUrl.replace(/\/+$/, '');
  if (warmed.has(base)) return; // once per page load: the preflight is cached by then
  warmed.add(base);
  const headers = { ...opts.headers };
  const transport = createFhirTransport({ baseUrl: base, getHeaders: async () => headers, ...(opts.fetch ? { fetch: opts.fetch } : {}) });
  void transport.probe?.(withTimeout(new AbortController().signal, opts.timeoutMs ?? 10_000)).catch(() => undefined);
}
