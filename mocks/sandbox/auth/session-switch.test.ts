import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LaunchStore } from '../launch-store';
import { TestBrowser } from './test-browser';
import type { Stop } from './test-browser';
import { EHR_SCOPE, authorizeUrl, claimsOf, exchangeCode, launchFor, pkcePair, refresh, startTestSandbox } from './testing';
import type { TestSandbox } from './testing';

/**
 * One browser, two host systems: Dr Hart launched from the GP system, then Dr Mehta
 * launches from the hospital EHR. Single sign-on must not hand Dr Mehta's launch (and
 * patient) a code for Dr Hart's session.
 */
let now = Date.now();
let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ launches: new LaunchStore({ now: () => now }) });
});
afterAll(() => sandbox.server.close());

async function signedInAsGp(browser: TestBrowser) {
  const t = sandbox.topology;
  const gp = launchFor(t, 'gp', 'p123');
  const { verifier, challenge } = pkcePair();
  const stop = await browser.get(
    authorizeUrl(t, { launch: sandbox.launches.create(gp), aud: gp.iss, scope: EHR_SCOPE, code_challenge: challenge }),
  );
  if (stop.kind !== 'redirect') throw new Error(stop.html);
  return (await exchangeCode(t, stop.url.searchParams.get('code')!, verifier)).body;
}

function redirectParams(stop: Stop): URLSearchParams {
  if (stop.kind !== 'redirect') throw new Error(`expected a redirect to the app, got:\n${stop.html}`);
  expect(stop.url.origin + stop.url.pathname).toBe(sandbox.topology.redirectUri);
  return stop.url.searchParams;
}

describe('a launch for another user than the signed-in one', () => {
  it("signs the previous user out and issues the code for the launch's user", async () => {
    const t = sandbox.topology;
    const browser = new TestBrowser(new URL(t.authIssuer).origin);
    const gpTokens = await signedInAsGp(browser);

    const hospital = launchFor(t, 'hospital', 'p789');
    const { verifier, challenge } = pkcePair();
    const switching = await browser.get(
      authorizeUrl(t, { launch: sandbox.launches.create(hospital), aud: hospital.iss, scope: EHR_SCOPE, code_challenge: challenge }),
    );
    // oidc-provider ends the other user's session first (an auto-submitting logout form).
    expect(switching.kind).toBe('page');
    const code = redirectParams(await browser.submitForm(switching, '/session/end/confirm')).get('code');
    const { body } = await exchangeCode(t, code!, verifier);

    const fhirUser = `${hospital.iss}/Practitioner/dr-rahul-mehta`;
    expect(body.patient).toBe('p789');
    expect(claimsOf(body.id_token)).toMatchObject({ sub: 'dr-rahul-mehta', fhirUser });
    expect(claimsOf(body.access_token)).toMatchObject({ sub: 'dr-rahul-mehta', fhirUser, patient: 'p789', aud: hospital.iss });
    // Dr Hart's online_access refresh token ended with her session.
    expect((await refresh(t, String(gpTokens.refresh_token))).body.error).toBe('invalid_grant');
  });

  it('ends with an error at the app when the launch expires during the switch', async () => {
    const t = sandbox.topology;
    const browser = new TestBrowser(new URL(t.authIssuer).origin);
    await signedInAsGp(browser);

    const hospital = launchFor(t, 'hospital', 'p789');
    const switching = await browser.get(
      authorizeUrl(t, {
        launch: sandbox.launches.create(hospital),
        aud: hospital.iss,
        scope: EHR_SCOPE,
        code_challenge: pkcePair().challenge,
      }),
    );
    now += 5 * 60 * 1000;
    const result = redirectParams(await browser.submitForm(switching, '/session/end/confirm'));
    expect(result.get('code')).toBeNull();
    expect(result.get('error')).toBe('invalid_request');
    expect(result.get('error_description')).toBe('launch is unknown or has expired');
  });
});
