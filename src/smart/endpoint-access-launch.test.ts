import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { server } from '../testing/server';
import { configInput } from '../testing/config';
import { createLaunchEndpointAccess, RELAUNCH_REASON, type LaunchTokenClient } from './endpoint-access-launch';
import { endpointTransport } from './endpoint-transport';

const ENDPOINT = configInput().endpoints[0]!; // the GP practice, the launch's iss
const BASE = ENDPOINT.fhirBaseUrl;

function fakeClient(tokenResponse: LaunchTokenClient['state']['tokenResponse'], expiresAt?: number) {
  const client = {
    state: { tokenResponse, expiresAt },
    refreshIfNeeded: vi.fn(async () => client.state),
    refresh: vi.fn(async () => {
      client.state.tokenResponse = { ...client.state.tokenResponse, access_token: 'refreshed' };
      client.state.expiresAt = 2_000_000_000;
      return client.state;
    }),
  };
  return client;
}

describe('createLaunchEndpointAccess', () => {
  it('reuses the launch token, refreshed if near expiry, only for the launching origin', async () => {
    const client = fakeClient({ access_token: 'launch-token', refresh_token: 'r' }, 1_900_000_000);
    const access = createLaunchEndpointAccess(ENDPOINT, client);
    expect(await access.authorise()).toEqual({ state: 'authorised', expiresAt: 1_900_000_000_000 });
    await expect(access.getHeaders(`${BASE}/Encounter?patient=p1`)).resolves.toEqual({ Authorization: 'Bearer launch-token' });
    expect(client.refreshIfNeeded).toHaveBeenCalledTimes(2);
    await expect(access.getHeaders('http://localhost:8431/fhir/Encounter')).rejects.toMatchObject({ name: 'TokenOriginError' });
  });

  it('reauthorises with the refresh token', async () => {
    const client = fakeClient({ access_token: 'old', refresh_token: 'r' });
    const access = createLaunchEndpointAccess(ENDPOINT, client);
    await Promise.all([access.reauthorise(), access.reauthorise()]);
    expect(client.refresh).toHaveBeenCalledTimes(1);
    expect(access.current()).toEqual({ state: 'authorised', expiresAt: 2_000_000_000_000 });
    await expect(access.getHeaders(`${BASE}/Flag`)).resolves.toEqual({ Authorization: 'Bearer refreshed' });
  });

  it('without a refresh token, or without any token, asks for a new launch from the clinical system', async () => {
    const access = createLaunchEndpointAccess(ENDPOINT, fakeClient({ access_token: 'old' }));
    await expect(access.reauthorise()).rejects.toThrow(RELAUNCH_REASON);
    expect(access.current()).toEqual({ state: 'failed', reason: RELAUNCH_REASON });
    expect(RELAUNCH_REASON).toContain('Open the record again from your clinical system');
    expect(await createLaunchEndpointAccess(ENDPOINT, fakeClient({})).signInInteractively()).toMatchObject({ state: 'failed' });
  });

  it('after a 401 refreshes once and retries (through endpointTransport)', async () => {
    const client = fakeClient({ access_token: 'old', refresh_token: 'r' });
    const access = createLaunchEndpointAccess(ENDPOINT, client);
    server.use(
      http.get(`${BASE}/Patient/p1`, ({ request }) =>
        request.headers.get('authorization') === 'Bearer refreshed'
          ? HttpResponse.json({ resourceType: 'Patient', id: 'p1' })
          : new HttpResponse(null, { status: 401, headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } }),
      ),
    );
    await expect(endpointTransport(ENDPOINT, access).get('Patient/p1')).resolves.toMatchObject({ id: 'p1' });
    expect(client.refresh).toHaveBeenCalledTimes(1);
  });

  it('dispose stops it sending the token', async () => {
    const access = createLaunchEndpointAccess(ENDPOINT, fakeClient({ access_token: 't' }));
    access.dispose();
    await expect(access.getHeaders(`${BASE}/Flag`)).rejects.toThrow();
  });

  it('tells the granted scopes: the token response’s, else those the launch asked for, and none once disposed', async () => {
    const granted = createLaunchEndpointAccess(ENDPOINT, fakeClient({ access_token: 'a', scope: 'launch patient/Patient.rs' }));
    expect(granted.grantedScope?.()).toBe('launch patient/Patient.rs');
    const client = fakeClient({ access_token: 'a' });
    const asked = createLaunchEndpointAccess(ENDPOINT, { ...client, state: { ...client.state, scope: 'launch user/*.rs' } });
    expect(asked.grantedScope?.()).toBe('launch user/*.rs');
    granted.dispose();
    expect(granted.grantedScope?.()).toBeUndefined();
  });
});
