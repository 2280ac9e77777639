/**
 * CORS for the one origin allowed to call the endpoint from a browser: the app's. Any
 * other origin gets no CORS headers at all, so the browser refuses to hand it the
 * response (Fetch standard, CORS protocol). `Vary: Origin` keeps caches honest.
 */

/**
 * What the viewer and fhirclient send on FHIR requests. X-Request-Id is the transaction id
 * the viewer's AuditEvents name (IHE BALP); X-Purpose-Of-Use is the purpose of use
 * (v3-ActReason TREAT, ETREAT, BTG) a sandbox endpoint honours (docs/adr/0003).
 */
export const ALLOWED_REQUEST_HEADERS = ['Authorization', 'Content-Type', 'Accept', 'Prefer', 'X-Request-Id', 'X-Purpose-Of-Use', 'If-None-Match'];
/** What the app may read from a response: WWW-Authenticate explains a 401. */
const EXPOSED_HEADERS = ['Location', 'Content-Location', 'ETag', 'WWW-Authenticate', 'Retry-After'];
const ALLOWED_METHODS = ['GET', 'POST', 'OPTIONS'];

export function corsHeaders(origin: string | null, appOrigin: string): Record<string, string> {
  if (origin !== appOrigin) return { vary: 'Origin' };
  return {
    vary: 'Origin',
    'access-control-allow-origin': origin,
    'access-control-expose-headers': EXPOSED_HEADERS.join(', '),
  };
}

/** The answer to a preflight: 204, with permission only for the app's origin. */
export function preflight(origin: string | null, appOrigin: string): Response {
  const headers: Record<string, string> = { ...corsHeaders(origin, appOrigin), 'cache-control': 'no-store' };
  if (origin === appOrigin) {
    headers['access-control-allow-methods'] = ALLOWED_METHODS.join(', ');
    headers['access-control-allow-headers'] = ALLOWED_REQUEST_HEADERS.join(', ');
    headers['access-control-max-age'] = '600';
  }
  return new Response(null, { status: 204, headers });
}
