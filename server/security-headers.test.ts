import { describe, expect, it } from 'vitest';
import { sandboxAppConfig } from '../mocks/sandbox/app-config';
import { securityHeaders } from './security-headers';
import { sandboxTopology } from '../mocks/sandbox/topology';

describe('securityHeaders', () => {
  const t = sandboxTopology(8400);
  const headers = securityHeaders({
    config: sandboxAppConfig(t),
    authOrigins: [t.authIssuer],
    frameAncestors: t.hosts.map((h) => h.origin),
  });
  const csp = Object.fromEntries(
    headers['Content-Security-Policy']!.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );

  it('allows connections only to the app itself, the configured FHIR endpoints, the audit and objection services and the authorisation server', () => {
    const services = [t.audit, t.objectionRegister].map((s) => new URL(s.baseUrl).origin);
    const expected = ["'self'", ...new Set([...t.endpoints.map((e) => new URL(e.baseUrl).origin), ...services, t.authIssuer])];
    expect([...csp['connect-src']].sort()).toEqual(expected.sort());
  });

  it('lets only the configured host systems frame the app', () => {
    expect(csp['frame-ancestors']).toEqual(["'self'", ...t.hosts.map((h) => h.origin)]);
  });

  it('lets the app frame only itself and the authorisation server (silent sign-in)', () => {
    expect(csp['frame-src']).toEqual(["'self'", t.authIssuer]);
  });

  it('forbids plugins, base-tag hijacking, inline and foreign scripts', () => {
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['base-uri']).toEqual(["'none'"]);
    // The app's own files and one hashed inline script (the launch page's early discovery,
    // server/early-discovery.test.ts checks the hash against the page); no unsafe-inline.
    expect(csp['script-src']).toEqual(["'self'", expect.stringMatching(/^'sha256-[A-Za-z0-9+/]{43}='$/)]);
    expect(csp['default-src']).toEqual(["'self'"]);
  });

  it('sends no referrer and forbids MIME sniffing', () => {
    expect(headers['Referrer-Policy']).toBe('no-referrer');
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
  });
});
