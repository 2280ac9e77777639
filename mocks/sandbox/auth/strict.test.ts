import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smartConfiguration } from './smart-configuration';
import { parseAuthModeEnv, scopeAllowsRead } from './auth-mode';
import { TestBrowser } from './test-browser';
import { EHR_SCOPE, authorizeUrl, claimsOf, exchangeCode, launchFor, pkcePair, refresh, startTestSandbox } from './testing';
import type { TestSandbox } from './testing';

/**
 * SANDBOX_AUTH=strict (auth-mode.ts) against the same requests in the default mode: an EHR
 * launch signs the browser in, then a silent sign-in (prompt=none) for another endpoint.
 */
let strict: TestSandbox;
let relaxed: TestSandbox;
beforeAll(async () => {
  strict = await startTestSandbox({ authMode: 'strict' });
  relaxed = await startTestSandbox();
});
afterAll(async () => {
  await strict.server.close();
  await relaxed.server.close();
});

const ACUTE_SCOPE = 'openid fhirUser online_access user/Encounter.rs';

/** An EHR launch from the GP host, then a silent sign-in for the hospital endpoint in the same browser. */
async function launchThenSilent(sandbox: TestSandbox, silentScope = ACUTE_SCOPE) {
  const t = sandbox.topology;
  const browser = new TestBrowser(new URL(t.authIssuer).origin);
  const gp = launchFor(t, 'gp', 'p123');
  const first = pkcePair();
  const launch = await browser.get(
    authorizeUrl(t, { launch: sandbox.launches.create(gp), aud: gp.iss, scope: EHR_SCOPE, code_challenge: first.challenge }),
  );
  if (launch.kind !== 'redirect') throw new Error(launch.html);
  const launchToken = await exchangeCode(t, launch.url.searchParams.get('code')!, first.verifier);
  const acute = t.endpoints.find((e) => e.id === 'ouse-valley-acute')!.baseUrl;
  const second = pkcePair();
  const silent = await browser.get(
    authorizeUrl(t, { aud: acute, scope: silentScope, prompt: 'none', state: 'silent-1', code_challenge: second.challenge }),
  );
  return { browser, launchToken, silent, second, acute };
}

describe('strict mode', () => {
  it('refuses prompt=none with login_required at the redirect URI although the browser is signed in', async () => {
    const { silent } = await launchThenSilent(strict);
    if (silent.kind !== 'redirect') throw new Error(silent.html);
    expect(silent.url.searchParams.get('error')).toBe('login_required');
    expect(silent.url.searchParams.get('state')).toBe('silent-1');
    expect(silent.url.searchParams.get('code')).toBeNull();
  });

  it('the same request without prompt=none signs in (the interactive way) and grants only the scopes asked for', async () => {
    const t = strict.topology;
    const { browser, acute } = await launchThenSilent(strict);
    const { verifier, challenge } = pkcePair();
    const stop = await browser.get(authorizeUrl(t, { aud: acute, scope: 'openid fhirUser user/Encounter.rs', code_challenge: challenge }));
    if (stop.kind !== 'redirect') throw new Error(stop.html);
    const { status, body } = await exchangeCode(t, stop.url.searchParams.get('code')!, verifier);
    expect(status).toBe(200);
    // Not widened by the launch's grant earlier in this browser session (patient/MedicationRequest.rs, patient/Patient.rs).
    expect(String(body.scope).split(' ').sort()).toEqual(['fhirUser', 'openid', 'user/Encounter.rs']);
    expect(claimsOf(body.access_token)).toMatchObject({ aud: acute, scope: 'openid fhirUser user/Encounter.rs' });
  });

  it('issues no refresh token, even for online_access, and refuses the refresh_token grant', async () => {
    const { launchToken } = await launchThenSilent(strict);
    expect(launchToken.status).toBe(200);
    expect(launchToken.body).not.toHaveProperty('refresh_token');
    expect(String(launchToken.body.scope).split(' ')).not.toContain('online_access');
    const refused = await refresh(strict.topology, 'any-refresh-token');
    expect(refused.status).toBeGreaterThanOrEqual(400);
  });

  it('says so in its smart-configuration: no refresh_token grant, no permission-online, no online_access scope', () => {
    const smart = smartConfiguration(strict.topology);
    expect(smart.grant_types_supported).toEqual(['authorization_code']);
    expect(smart.capabilities).not.toContain('permission-online');
    expect(smart.scopes_supported).not.toContain('online_access');
    expect(smart.scopes_supported).not.toContain('offline_access');
  });
});

describe('default mode is unchanged', () => {
  it('answers the same silent sign-in with a code, and the launch with a refresh token', async () => {
    const { silent, launchToken } = await launchThenSilent(relaxed);
    if (silent.kind !== 'redirect') throw new Error(silent.html);
    expect(silent.url.searchParams.get('error')).toBeNull();
    expect(silent.url.searchParams.get('code')).toBeTruthy();
    expect(typeof launchToken.body.refresh_token).toBe('string');
    expect(smartConfiguration(relaxed.topology).capabilities).toContain('permission-online');
  });
});

describe('SANDBOX_AUTH and scope checks', () => {
  it('reads strict or default, and stops on anything else', () => {
    expect(parseAuthModeEnv(undefined)).toBeUndefined();
    expect(parseAuthModeEnv('')).toBeUndefined();
    expect(parseAuthModeEnv('default')).toBeUndefined();
    expect(parseAuthModeEnv(' Strict ')).toBe('strict');
    expect(() => parseAuthModeEnv('lenient')).toThrow(/SANDBOX_AUTH must be/);
  });

  it.each([
    ['user/*.rs', 'Observation', 's', true],
    ['patient/Observation.read', 'Observation', 'r', true],
    ['patient/*.read', 'Condition', 's', true],
    ['user/Observation.r', 'Observation', 's', false],
    ['user/Observation.s', 'Observation', 's', true],
    ['user/Observation.rs', 'Condition', 's', false],
    ['user/AuditEvent.c', 'AuditEvent', 's', false],
    ['user/Observation.write', 'Observation', 'r', false],
    ['openid fhirUser', 'Patient', 'r', false],
  ] as const)('%s allows %s (%s): %s', (scope, type, permission, allowed) => {
    expect(scopeAllowsRead(scope, type, permission)).toBe(allowed);
  });
});
