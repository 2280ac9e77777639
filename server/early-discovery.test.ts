// @vitest-environment jsdom
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { withEarlyDiscovery } from './early-discovery';
import { securityHeaders } from './security-headers';
import type { AppConfiguration } from '../src/config/types';

/**
 * The launch page's early discovery (docs/adr/0009): the page a host serves, run in a DOM
 * at the launch URL the host system opens. Expectations follow the launch's own rule for
 * `iss` (SMART App Launch 2.2 EHR launch; src/config/launch-match.ts: exact, trailing
 * slashes ignored) and CSP Level 3 hash-sources.
 */
const GP = 'https://fhir.gp-system.example.org/fhir';
const ACUTE = 'https://fhir.ouse-valley.example.org/fhir';
const config = { launch: [{ iss: GP }, { iss: ACUTE }] } as Pick<AppConfiguration, 'launch'>;
const PAGE =
  '<!doctype html><html lang="en-GB"><head><meta charset="utf-8" /><title>Opening My Care Record</title>' +
  '<link rel="stylesheet" href="/assets/launch.css"><script type="module" src="/assets/launch.js"></script></head><body></body></html>';

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

/**
 * The preloads the page asks for when opened at this address: its head in this document,
 * its classic inline scripts run in it (no module, nothing fetched here).
 */
function preloadsAt(query: string, html = withEarlyDiscovery(PAGE, config)): { href: string; as: string; crossOrigin: string | null }[] {
  history.replaceState(null, '', `/launch/${query}`);
  const head = parse(html).head;
  document.head.replaceChildren(...[...head.children].filter((e) => e.tagName !== 'SCRIPT' || e.getAttribute('type') === 'application/json').map((e) => document.importNode(e, true)));
  // Each classic inline script, as a new element: jsdom runs it when it is inserted.
  for (const inline of head.querySelectorAll('script:not([src]):not([type])')) {
    const script = document.createElement('script');
    script.textContent = inline.textContent;
    document.head.append(script);
  }
  return [...document.querySelectorAll('link[rel="preload"]')].map((l) => ({
    href: (l as HTMLLinkElement).href,
    as: (l as HTMLLinkElement).as,
    crossOrigin: (l as HTMLLinkElement).crossOrigin,
  }));
}

const launchAt = (iss: string) => `?iss=${encodeURIComponent(iss)}&launch=abc123`;

describe('the launch page asks for discovery before its scripts arrive', () => {
  it('preloads the configured issuer’s smart-configuration, in cors mode without credentials', () => {
    expect(preloadsAt(launchAt(ACUTE))).toEqual([
      { href: 'https://fhir.ouse-valley.example.org/fhir/.well-known/smart-configuration', as: 'fetch', crossOrigin: 'anonymous' },
    ]);
  });

  it('matches iss as the launch does: a trailing slash in the address is the same server', () => {
    expect(preloadsAt(launchAt(`${GP}/`)).map((l) => l.href)).toEqual(['https://fhir.gp-system.example.org/fhir/.well-known/smart-configuration']);
  });

  it('asks nothing of a server that is not configured, however close its address', () => {
    for (const iss of [
      'https://ehr.elsewhere.example/fhir',
      `${GP}2`,
      'https://fhir.gp-system.example.org',
      'https://fhir.gp-system.example.org/fhir/Patient',
      'https://fhir.gp-system.example.org.evil.example/fhir',
      'https://FHIR.GP-SYSTEM.EXAMPLE.ORG/FHIR',
      'http://fhir.gp-system.example.org/fhir',
      '',
    ]) {
      expect(preloadsAt(launchAt(iss)), iss).toEqual([]);
    }
  });

  it('asks nothing without both launch parameters (the launch stops before discovery)', () => {
    expect(preloadsAt(`?iss=${encodeURIComponent(GP)}`)).toEqual([]);
    expect(preloadsAt('?launch=abc123')).toEqual([]);
    expect(preloadsAt('')).toEqual([]);
  });

  it('loads the app page (the redirect URI) ahead in a hidden frame, only where it asks for discovery', () => {
    const frames = () =>
      [...document.querySelectorAll('iframe')].map((f) => ({
        id: f.id,
        path: new URL(f.src).pathname,
        hidden: f.hidden,
        ariaHidden: f.getAttribute('aria-hidden'),
        tabIndex: f.tabIndex,
      }));
    preloadsAt(launchAt(ACUTE));
    // Same origin and the same URL but for the query, so its answer is the redirect's own (docs/adr/0010).
    expect(frames()).toEqual([{ id: 'mcr-app-ahead', path: '/', hidden: true, ariaHidden: 'true', tabIndex: -1 }]);
    preloadsAt(launchAt('https://ehr.elsewhere.example/fhir'));
    expect(frames()).toEqual([]);
    preloadsAt(`?iss=${encodeURIComponent(GP)}`);
    expect(frames()).toEqual([]);
  });

  it('asks nothing where the host did not write the issuers in (the page as built)', () => {
    expect(preloadsAt(launchAt(GP), PAGE)).toEqual([]);
  });

  it('puts the issuers and the script before the stylesheet and the module, once however often it is applied', () => {
    const html = withEarlyDiscovery(withEarlyDiscovery(PAGE, config), config);
    const doc = parse(html);
    const heads = [...doc.head.children].map((e) => e.tagName.toLowerCase() + (e.getAttribute('type') ? `[${e.getAttribute('type')}]` : ''));
    expect(heads).toEqual(['script[application/json]', 'script', 'meta', 'title', 'link', 'script[module]']);
    expect(JSON.parse(doc.getElementById('mcr-launch-issuers')!.textContent!)).toEqual([GP, ACUTE]);
  });

  it('keeps a configured value that holds markup as data: no element comes out of it', () => {
    const odd = 'https://fhir.example.org/fhir</script><script>window.ran=1</script><!--';
    const doc = parse(withEarlyDiscovery(PAGE, { launch: [{ iss: odd }] } as Pick<AppConfiguration, 'launch'>));
    expect(JSON.parse(doc.getElementById('mcr-launch-issuers')!.textContent!)).toEqual([odd]);
    // The data block, the early-discovery script and the module: nothing came out of the value.
    expect([...doc.querySelectorAll('script')].map((e) => e.getAttribute('type'))).toEqual(['application/json', null, 'module']);
  });

  it('is allowed by the policy by its SHA-256 alone: no unsafe-inline, nothing else inline', () => {
    const doc = parse(withEarlyDiscovery(PAGE, config));
    const inline = [...doc.querySelectorAll('script:not([src]):not([type="application/json"])')].map((s) => s.textContent ?? '');
    expect(inline).toHaveLength(1);
    const hash = `'sha256-${createHash('sha256').update(inline[0]!, 'utf8').digest('base64')}'`;
    const csp = securityHeaders({ config: { ...config, endpoints: [] } as unknown as AppConfiguration, authOrigins: [], frameAncestors: [] })['Content-Security-Policy']!;
    const scriptSrc = csp.split(';').map((d) => d.trim().split(/\s+/)).find((d) => d[0] === 'script-src')!.slice(1);
    expect(scriptSrc).toEqual(["'self'", hash]);
  });
});
