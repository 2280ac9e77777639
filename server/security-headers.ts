import type { AppConfiguration } from '../src/config/types';
import { EARLY_DISCOVERY_HASH } from './early-discovery';

/**
 * Response headers the app's production server must send (see docs/deploying.md and
 * docs/standards.md, "Browser security"). Derived from the runtime
 * configuration so that `connect-src` allows exactly the configured FHIR and
 * authorisation origins and `frame-ancestors` exactly the configured host systems.
 */
export function securityHeaders(opts: {
  config: AppConfiguration;
  /** Origins of the authorisation servers (discovered at run time, so listed here). */
  authOrigins: string[];
  /** Origins of the host systems allowed to embed the app in an iframe. */
  frameAncestors: string[];
}): Record<string, string> {
  const fhirOrigins = [
    ...opts.config.launch.map((l) => new URL(l.iss).origin),
    ...opts.config.endpoints.map((e) => new URL(e.fhirBaseUrl).origin),
    ...[opts.config.audit, opts.config.objectionRegister, opts.config.recordLocator].flatMap((s) => (s ? [new URL(s.fhirBaseUrl).origin] : [])),
  ];
  const connect = unique(["'self'", ...fhirOrigins, ...opts.authOrigins]);
  const csp = [
    "default-src 'self'",
    // One inline script besides the app's own files: the launch page's early discovery,
    // by its hash (server/early-discovery.ts). No 'unsafe-inline', no 'unsafe-eval'.
    `script-src 'self' ${EARLY_DISCOVERY_HASH}`,
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${connect.join(' ')}`,
    // fhirclient and oidc-client-ts navigate (not fetch) to the authorisation endpoint.
    `form-action 'self' ${unique(opts.authOrigins).join(' ')}`,
    // Silent sign-in at a regional endpoint: a hidden iframe at the authorisation server
    // (prompt=none) that comes back to the app's own callback page.
    `frame-src 'self' ${unique(opts.authOrigins).join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    `frame-ancestors 'self' ${unique(opts.frameAncestors).join(' ')}`,
  ].join('; ');
  return {
    'Content-Security-Policy': csp,
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin-allow-popups',
  };
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}
