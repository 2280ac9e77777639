import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser } from './test-browser';
import { EHR_SCOPE, authorizeUrl, exchangeCode, launchFor, pkcePair, startTestSandbox } from './testing';
import type { TestSandbox } from './testing';

let sandbox: TestSandbox;
let shortLived: TestSandbox;
beforeAll(async () => {
  [sandbox, shortLived] = await Promise.all([startTestSandbox(), startTestSandbox({ accessTokenTtlSeconds: 1 })]);
});
afterAll(() => Promise.all([sandbox.server.close(), shortLived.server.close()]));

/** An access token for the GP endpoint, through the real EHR launch flow. */
async function gpAccessToken(s: TestSandbox): Promise<string> {
  const t = s.topology;
  const gp = launchFor(t, 'gp', 'p123');
  const { verifier, challenge } = pkcePair();
  const stop = await new TestBrowser(new URL(t.authIssuer).origin).get(
    authorizeUrl(t, { launch: s.launches.create(gp), aud: gp.iss, scope: EHR_SCOPE, code_challenge: challenge }),
  );
  if (stop.kind !== 'redirect') throw new Error(stop.html);
  const { body } = await exchangeCode(t, stop.url.searchParams.get('code')!, verifier);
  return String(body.access_token);
}

const gpBase = (s: TestSandbox) => launchFor(s.topology, 'gp', 'p123').iss;

describe('access token verifier', () => {
  it('accepts a token at the endpoint it was issued for, with or without a trailing slash', async () => {
    const token = await gpAccessToken(sandbox);
    const result = await sandbox.server.verifier(token, gpBase(sandbox));
    expect(result).toMatchObject({ ok: true, claims: { aud: gpBase(sandbox), patient: 'p123', sub: 'gp-amelia-hart' } });
    expect((await sandbox.server.verifier(token, `${gpBase(sandbox)}/`)).ok).toBe(true);
  });

  it('rejects a token issued for another endpoint, also once it has been accepted at its own', async () => {
    const token = await gpAccessToken(sandbox);
    const other = sandbox.topology.endpoints.find((e) => e.id === 'ouse-valley-acute')!.baseUrl;
    expect(await sandbox.server.verifier(token, other)).toEqual({ ok: false, reason: 'token issued for another endpoint' });
    expect((await sandbox.server.verifier(token, gpBase(sandbox))).ok).toBe(true);
    expect(await sandbox.server.verifier(token, other)).toEqual({ ok: false, reason: 'token issued for another endpoint' });
  });

  it('rejects a missing token', async () => {
    expect(await sandbox.server.verifier(undefined, gpBase(sandbox))).toEqual({ ok: false, reason: 'missing bearer token' });
    expect(await sandbox.server.verifier('', gpBase(sandbox))).toEqual({ ok: false, reason: 'missing bearer token' });
  });

  it('rejects a tampered token and one signed by another server', async () => {
    const token = await gpAccessToken(sandbox);
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, patient: 'someone-else' })).toString('base64url');
    expect(await sandbox.server.verifier(`${header}.${forged}.${signature}`, gpBase(sandbox))).toEqual({
      ok: false,
      reason: 'invalid token',
    });
    const foreign = await gpAccessToken(shortLived);
    expect(await sandbox.server.verifier(foreign, gpBase(shortLived))).toEqual({ ok: false, reason: 'invalid token' });
    expect(await sandbox.server.verifier('not-a-jwt', gpBase(sandbox))).toEqual({ ok: false, reason: 'invalid token' });
  });

  it('rejects an expired token, also one it accepted before it expired', async () => {
    const token = await gpAccessToken(shortLived);
    expect((await shortLived.server.verifier(token, gpBase(shortLived))).ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(await shortLived.server.verifier(token, gpBase(shortLived))).toEqual({ ok: false, reason: 'token expired' });
  });
});
