import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser } from './test-browser';
import type { Stop } from './test-browser';
import { STANDALONE_SCOPE, authorizeUrl, claimsOf, exchangeCode, pkcePair, startTestSandbox } from './testing';
import type { TestSandbox } from './testing';

/** Standalone launch (SMART App Launch 2.2): no `launch`, so the user signs in here. */
let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.server.close());

const socialCareBase = () => sandbox.topology.endpoints.find((e) => e.id === 'cambs-asc')!.baseUrl;

async function signInPage(browser: TestBrowser, challenge: string): Promise<Stop & { kind: 'page' }> {
  const t = sandbox.topology;
  const page = await browser.get(
    authorizeUrl(t, { aud: socialCareBase(), scope: STANDALONE_SCOPE, code_challenge: challenge, state: 'st-2' }),
  );
  if (page.kind !== 'page') throw new Error(`expected the sign-in page, got ${page.url.href}`);
  return page;
}

describe('standalone launch', () => {
  it('shows a sign-in page listing every sandbox user, embeddable in another localhost page', async () => {
    const t = sandbox.topology;
    const browser = new TestBrowser(new URL(t.authIssuer).origin);
    const page = await signInPage(browser, pkcePair().challenge);
    expect(page.status).toBe(200);
    for (const { user } of t.hosts) expect(page.html).toContain(`Sign in as ${user.prefix} ${user.given} ${user.family}`);

    expect(page.headers.get('x-frame-options')).toBeNull();
    expect(page.headers.get('content-security-policy')).not.toMatch(/frame-ancestors/);
  });

  it('Cancel ends with access_denied at the redirect_uri', async () => {
    const t = sandbox.topology;
    const browser = new TestBrowser(new URL(t.authIssuer).origin);
    const stop = await browser.submitForm(await signInPage(browser, pkcePair().challenge), '/cancel');
    if (stop.kind !== 'redirect') throw new Error(stop.html);
    expect(stop.url.origin + stop.url.pathname).toBe(t.redirectUri);
    expect(stop.url.searchParams.get('error')).toBe('access_denied');
    expect(stop.url.searchParams.get('state')).toBe('st-2');
    expect(stop.url.searchParams.get('code')).toBeNull();
  });

  it('"Sign in as" issues a code for that user and no patient context', async () => {
    const t = sandbox.topology;
    const browser = new TestBrowser(new URL(t.authIssuer).origin);
    const { verifier, challenge } = pkcePair();
    const page = await signInPage(browser, challenge);
    const stop = await browser.post(new URL(`${page.url.pathname}/login`, page.url), { accountId: 'sw-joanne-pike' });
    if (stop.kind !== 'redirect') throw new Error(stop.html);
    const { body } = await exchangeCode(t, stop.url.searchParams.get('code')!, verifier);

    const fhirUser = `${socialCareBase()}/Practitioner/sw-joanne-pike`;
    expect(claimsOf(body.id_token)).toMatchObject({ sub: 'sw-joanne-pike', fhirUser });
    expect(claimsOf(body.access_token)).toMatchObject({ aud: socialCareBase(), fhirUser, scope: STANDALONE_SCOPE });
    expect(body).not.toHaveProperty('patient');
  });

  it('refuses to sign in as someone who is not a sandbox user', async () => {
    const browser = new TestBrowser(new URL(sandbox.topology.authIssuer).origin);
    const page = await signInPage(browser, pkcePair().challenge);
    const stop = await browser.post(new URL(`${page.url.pathname}/login`, page.url), { accountId: 'admin' });
    expect(stop).toMatchObject({ kind: 'page', status: 400 });
  });
});
