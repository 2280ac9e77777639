import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser } from './test-browser';
import { EHR_SCOPE, authorizeUrl, exchangeCode, launchFor, pkcePair, startTestSandbox } from './testing';
import type { TestSandbox } from './testing';

/** SMART App Launch 2.2: PKCE with S256 is required of every app; `plain` must not be offered (RFC 7636). */
let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.server.close());

async function authorize(params: Record<string, string | undefined>) {
  const t = sandbox.topology;
  const gp = launchFor(t, 'gp', 'p123');
  const browser = new TestBrowser(new URL(t.authIssuer).origin);
  const stop = await browser.get(
    authorizeUrl(t, { launch: sandbox.launches.create(gp), aud: gp.iss, scope: EHR_SCOPE, ...params }),
  );
  if (stop.kind !== 'redirect') throw new Error(`expected a redirect to the app, got:\n${stop.html}`);
  expect(stop.url.origin + stop.url.pathname).toBe(t.redirectUri);
  return stop.url.searchParams;
}

describe('PKCE', () => {
  it('refuses code_challenge_method=plain', async () => {
    const { verifier } = pkcePair();
    const result = await authorize({ code_challenge_method: 'plain', code_challenge: verifier });
    expect(result.get('code')).toBeNull();
    expect(result.get('error')).toBe('invalid_request');
    expect(result.get('error_description')).toMatch(/code_challenge_method/);
  });

  it('refuses an authorization request without a code_challenge', async () => {
    const result = await authorize({ code_challenge_method: undefined, code_challenge: undefined });
    expect(result.get('code')).toBeNull();
    expect(result.get('error')).toBe('invalid_request');
    expect(result.get('error_description')).toMatch(/PKCE/);
  });

  it('refuses a code exchanged with the wrong code_verifier, and one without', async () => {
    const { challenge } = pkcePair();
    const code = (await authorize({ code_challenge: challenge })).get('code')!;
    const wrong = await exchangeCode(sandbox.topology, code, pkcePair().verifier);
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toBe('invalid_grant');

    const code2 = (await authorize({ code_challenge: challenge })).get('code')!;
    const missing = await exchangeCode(sandbox.topology, code2, '');
    expect(missing.status).toBe(400);
    expect(missing.body.error).toBe('invalid_grant');
    expect(missing.body).not.toHaveProperty('access_token');
  });

  it('exchanges the code with the right code_verifier', async () => {
    const { verifier, challenge } = pkcePair();
    const code = (await authorize({ code_challenge: challenge })).get('code')!;
    expect((await exchangeCode(sandbox.topology, code, verifier)).status).toBe(200);
  });
});
