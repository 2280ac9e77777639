import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LaunchStore } from '../launch-store';
import { TestBrowser } from './test-browser';
import { EHR_SCOPE, authorizeUrl, launchFor, pkcePair, startTestSandbox } from './testing';
import type { TestSandbox } from './testing';

/**
 * A launch the server cannot honour must end at the app's redirect_uri with an error it
 * can show (RFC 6749 §4.1.2.1), never with a code: no context means no patient.
 */
let now = Date.now();
let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ launches: new LaunchStore({ now: () => now }) });
});
afterAll(() => sandbox.server.close());

async function authorizeError(params: Record<string, string | undefined>) {
  const t = sandbox.topology;
  const stop = await new TestBrowser(new URL(t.authIssuer).origin).get(
    authorizeUrl(t, { scope: EHR_SCOPE, code_challenge: pkcePair().challenge, state: 'st-1', ...params }),
  );
  if (stop.kind !== 'redirect') throw new Error(`expected a redirect to the app, got:\n${stop.html}`);
  expect(stop.url.origin + stop.url.pathname).toBe(t.redirectUri);
  expect(stop.url.searchParams.get('code')).toBeNull();
  expect(stop.url.searchParams.get('state')).toBe('st-1');
  return { error: stop.url.searchParams.get('error'), description: stop.url.searchParams.get('error_description') };
}

describe('launch and aud errors', () => {
  it('refuses an unknown launch', async () => {
    const gp = launchFor(sandbox.topology, 'gp', 'p123');
    expect(await authorizeError({ launch: 'made-up', aud: gp.iss })).toEqual({
      error: 'invalid_request',
      description: 'launch is unknown or has expired',
    });
  });

  it('refuses an expired launch', async () => {
    const gp = launchFor(sandbox.topology, 'gp', 'p123');
    const launch = sandbox.launches.create(gp);
    now += 5 * 60 * 1000;
    expect(await authorizeError({ launch, aud: gp.iss })).toEqual({
      error: 'invalid_request',
      description: 'launch is unknown or has expired',
    });
  });

  it('refuses a launch used with another server as aud', async () => {
    const t = sandbox.topology;
    const launch = sandbox.launches.create(launchFor(t, 'gp', 'p123'));
    const hospitalBase = launchFor(t, 'hospital', 'x').iss;
    const { error, description } = await authorizeError({ launch, aud: hospitalBase });
    expect(error).toBe('invalid_request');
    expect(description).toMatch(/another FHIR server/);
  });

  it('refuses a missing or unknown aud', async () => {
    const launch = sandbox.launches.create(launchFor(sandbox.topology, 'gp', 'p123'));
    expect((await authorizeError({ launch })).description).toMatch(/aud is required/);
    expect((await authorizeError({ launch, aud: 'http://localhost:1/fhir' })).description).toMatch(/aud is not a FHIR server/);
  });
});
