import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser } from './test-browser';
import type { Stop } from './test-browser';
import {
  EHR_SCOPE,
  authorizeUrl,
  claimsOf,
  exchangeCode,
  launchFor,
  pkcePair,
  refresh,
  startTestSandbox,
} from './testing';
import type { TestSandbox } from './testing';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.server.close());

function codeFrom(stop: Stop): string {
  if (stop.kind !== 'redirect') throw new Error(`expected a redirect to the app, got a page:\n${stop.html}`);
  expect(stop.url.origin + stop.url.pathname).toBe(sandbox.topology.redirectUri);
  const code = stop.url.searchParams.get('code');
  if (!code) throw new Error(`no code in ${stop.url.href}`);
  return code;
}

describe('EHR launch', () => {
  it('issues a code without a prompt and a token response carrying the launch context', async () => {
    const t = sandbox.topology;
    const gp = launchFor(t, 'gp', 'p123');
    const launch = sandbox.launches.create({ ...gp, needPatientBanner: true, encounter: 'e9' });
    const { verifier, challenge } = pkcePair();
    const browser = new TestBrowser(new URL(t.authIssuer).origin);

    const stop = await browser.get(
      authorizeUrl(t, { launch, aud: gp.iss, scope: EHR_SCOPE, code_challenge: challenge }),
    );
    const { status, body } = await exchangeCode(t, codeFrom(stop), verifier);

    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', patient: 'p123', encounter: 'e9', need_patient_banner: true });
    expect(body).not.toHaveProperty('smart_style_url');
    expect(String(body.scope).split(' ')).toEqual(expect.arrayContaining(['launch', 'patient/MedicationRequest.rs']));
    const access = claimsOf(body.access_token);
    expect(access).toMatchObject({
      iss: t.authIssuer,
      aud: gp.iss,
      sub: 'gp-amelia-hart',
      client_id: t.clientId,
      patient: 'p123',
      fhirUser: `${gp.iss}/Practitioner/gp-amelia-hart`,
    });
    expect(Number(access.exp) - Number(access.iat)).toBe(3600);
    const id = claimsOf(body.id_token);
    expect(id).toMatchObject({ sub: 'gp-amelia-hart', aud: t.clientId, fhirUser: `${gp.iss}/Practitioner/gp-amelia-hart` });
    expect(typeof body.refresh_token).toBe('string');
  });

  it('answers a launch in a browser not yet signed in here with the code at once: one request, no interaction page', async () => {
    const t = sandbox.topology;
    const gp = launchFor(t, 'gp', 'p123');
    const { verifier, challenge } = pkcePair();
    const browser = new TestBrowser(new URL(t.authIssuer).origin);

    const stop = await browser.get(authorizeUrl(t, { launch: sandbox.launches.create(gp), aud: gp.iss, scope: EHR_SCOPE, code_challenge: challenge }));

    expect(browser.requested.map((u) => u.pathname)).toEqual(['/auth']);
    const { body } = await exchangeCode(t, codeFrom(stop), verifier);
    expect(body).toMatchObject({ patient: 'p123' });
    expect(claimsOf(body.id_token)).toMatchObject({ sub: 'gp-amelia-hart' });
  });

  it('still goes through the interaction when the launch asks for prompt=login', async () => {
    const t = sandbox.topology;
    const gp = launchFor(t, 'gp', 'p123');
    const { verifier, challenge } = pkcePair();
    const browser = new TestBrowser(new URL(t.authIssuer).origin);

    const stop = await browser.get(
      authorizeUrl(t, { launch: sandbox.launches.create(gp), aud: gp.iss, scope: EHR_SCOPE, code_challenge: challenge, prompt: 'login' }),
    );

    expect(browser.requested.map((u) => u.pathname.split('/')[1])).toEqual(['auth', 'interaction', 'auth']);
    const { body } = await exchangeCode(t, codeFrom(stop), verifier);
    expect(claimsOf(body.id_token)).toMatchObject({ sub: 'gp-amelia-hart' });
  });

  it('signs no one in for a launch with prompt=none: login_required at the app, as before', async () => {
    const t = sandbox.topology;
    const gp = launchFor(t, 'gp', 'p123');
    const browser = new TestBrowser(new URL(t.authIssuer).origin);

    const stop = await browser.get(
      authorizeUrl(t, { launch: sandbox.launches.create(gp), aud: gp.iss, scope: EHR_SCOPE, code_challenge: pkcePair().challenge, prompt: 'none' }),
    );

    if (stop.kind !== 'redirect') throw new Error(stop.html);
    expect(stop.url.searchParams.get('error')).toBe('login_required');
    expect(stop.url.searchParams.get('code')).toBeNull();
  });

  it('keeps the patient in access tokens from a rotated refresh token', async () => {
    const t = sandbox.topology;
    const hospital = launchFor(t, 'hospital', 'p456');
    const launch = sandbox.launches.create(hospital);
    const { verifier, challenge } = pkcePair();
    const browser = new TestBrowser(new URL(t.authIssuer).origin);
    const stop = await browser.get(authorizeUrl(t, { launch, aud: hospital.iss, scope: EHR_SCOPE, code_challenge: challenge }));
    const first = await exchangeCode(t, codeFrom(stop), verifier);

    const second = await refresh(t, String(first.body.refresh_token));
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.body.refresh_token);
    expect(claimsOf(second.body.access_token)).toMatchObject({ aud: hospital.iss, patient: 'p456' });
    const third = await refresh(t, String(second.body.refresh_token));
    expect(claimsOf(third.body.access_token)).toMatchObject({ aud: hospital.iss, patient: 'p456' });
    expect((await refresh(t, String(first.body.refresh_token))).body.error).toBe('invalid_grant');
  });

  it('authorises a second endpoint in the same browser session without a prompt, for that endpoint only', async () => {
    const t = sandbox.topology;
    const gp = launchFor(t, 'gp', 'p123');
    const browser = new TestBrowser(new URL(t.authIssuer).origin);
    const first = pkcePair();
    await browser.get(
      authorizeUrl(t, { launch: sandbox.launches.create(gp), aud: gp.iss, scope: EHR_SCOPE, code_challenge: first.challenge }),
    );

    const other = t.endpoints.find((e) => e.id === 'fenland-mh')!;
    const second = pkcePair();
    const stop = await browser.get(
      authorizeUrl(t, { aud: other.baseUrl, scope: 'openid fhirUser patient/MedicationRequest.rs', code_challenge: second.challenge }),
    );
    const { body } = await exchangeCode(t, codeFrom(stop), second.verifier);

    expect(claimsOf(body.access_token)).toMatchObject({ aud: other.baseUrl, sub: 'gp-amelia-hart' });
    expect(claimsOf(body.access_token)).not.toHaveProperty('patient');
    expect(body).not.toHaveProperty('patient');
  });
});
