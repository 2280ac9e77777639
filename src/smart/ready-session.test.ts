import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { server } from '../testing/server';
import { ISS, TOKEN_URI, openAppAt, storeLaunchState, unsignedJwt } from '../testing/smart-state';
import { LaunchError } from './launch-error';
import { readySession } from './ready-session';
import { SessionRequestError } from './session';

const PRACTITIONER = `${ISS}/Practitioner/gp-amelia-hart`;

function tokenEndpoint(body: Record<string, unknown>, status = 200) {
  const seen: string[] = [];
  server.use(
    http.post(TOKEN_URI, async ({ request }) => {
      seen.push(await request.text());
      return HttpResponse.json(body, { status });
    }),
  );
  return seen;
}

async function launchError(): Promise<LaunchError> {
  const e = await readySession().then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(LaunchError);
  return e as LaunchError;
}

describe('readySession: a good redirect', () => {
  it('exchanges the code with the PKCE verifier and exposes the launch context', async () => {
    storeLaunchState('k1');
    openAppAt('?code=the-code&state=k1');
    const seen = tokenEndpoint({
      access_token: 'at-1', token_type: 'Bearer', expires_in: 3600, scope: 'launch patient/Patient.rs',
      patient: 'p1', encounter: 'e1', need_patient_banner: false,
      id_token: unsignedJwt({ sub: 'u', fhirUser: PRACTITIONER }),
    });
    const session = await readySession();
    expect(session).toMatchObject({ patientId: 'p1', encounterId: 'e1', needPatientBanner: false, fhirUser: PRACTITIONER, iss: ISS });
    expect(JSON.stringify(session)).not.toContain('at-1');
    expect(seen[0]).toContain('code=the-code');
    expect(seen[0]).toContain('code_verifier=verifier');
    expect(location.search).toBe('');
  });

  it('defaults need_patient_banner to true and reads patient and user with the token', async () => {
    storeLaunchState('k1');
    openAppAt('?code=c&state=k1');
    tokenEndpoint({ access_token: 'at-2', patient: 'p1', id_token: unsignedJwt({ fhirUser: PRACTITIONER }) });
    const auth: (string | null)[] = [];
    server.use(
      http.get(`${ISS}/Patient/p1`, ({ request }) => {
        auth.push(request.headers.get('authorization'));
        return HttpResponse.json({ resourceType: 'Patient', id: 'p1' });
      }),
      http.get(PRACTITIONER, () => HttpResponse.json({ resourceType: 'Practitioner', id: 'gp-amelia-hart' })),
      http.get(`${ISS}/PractitionerRole`, ({ request }) => {
        expect(new URL(request.url).searchParams.get('practitioner')).toBe('gp-amelia-hart');
        return HttpResponse.json({
          resourceType: 'Bundle', type: 'searchset',
          entry: [{ resource: { resourceType: 'PractitionerRole', id: 'r1', code: [{ text: 'GP' }] } }],
        });
      }),
    );
    const session = await readySession();
    expect(session.needPatientBanner).toBe(true);
    await expect(session.readPatient()).resolves.toMatchObject({ id: 'p1' });
    expect(auth).toEqual(['Bearer at-2']);
    const user = await session.readUser();
    expect(user.practitioner?.id).toBe('gp-amelia-hart');
    expect(user.role?.id).toBe('r1');
  });

  it('reads the user’s Practitioner and PractitionerRole side by side, not one after the other', async () => {
    storeLaunchState('k2');
    openAppAt('?code=c&state=k2');
    tokenEndpoint({ access_token: 'at-3', patient: 'p1', id_token: unsignedJwt({ fhirUser: PRACTITIONER }) });
    const started: string[] = [];
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    server.use(
      http.get(PRACTITIONER, async () => {
        started.push('Practitioner');
        await held;
        return HttpResponse.json({ resourceType: 'Practitioner', id: 'gp-amelia-hart' });
      }),
      http.get(`${ISS}/PractitionerRole`, async () => {
        started.push('PractitionerRole');
        await held;
        return HttpResponse.json({ resourceType: 'Bundle', type: 'searchset', entry: [{ resource: { resourceType: 'PractitionerRole', id: 'r1' } }] });
      }),
    );
    const session = await readySession();
    const user = session.readUser();
    // Both are asked before either has answered.
    await vi.waitFor(() => expect(started.sort()).toEqual(['Practitioner', 'PractitionerRole']));
    release();
    expect((await user).role?.id).toBe('r1');
  });

  it('turns a failed Patient read into a SessionRequestError with the status only', async () => {
    storeLaunchState('k1', { accessToken: 'at-3' });
    server.use(http.get(`${ISS}/Patient/p1`, () => HttpResponse.json({ resourceType: 'OperationOutcome' }, { status: 404 })));
    const session = await readySession();
    const e = await session.readPatient().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SessionRequestError);
    expect((e as SessionRequestError).status).toBe(404);
    expect((e as Error).message).not.toContain('at-3');
  });

  it('does not read a fhirUser on another server (no request is made)', async () => {
    storeLaunchState('k1');
    openAppAt('?code=c&state=k1');
    tokenEndpoint({ access_token: 'at', patient: 'p1', id_token: unsignedJwt({ fhirUser: 'http://evil.example/Practitioner/x' }) });
    const session = await readySession();
    await expect(session.readUser()).resolves.toEqual({});
  });
});

describe('readySession: failures map to kinds, clear the state and scrub the URL', () => {
  it('user declined: denied', async () => {
    storeLaunchState('k1');
    openAppAt('?error=access_denied&error_description=User+said+no&state=k1');
    expect((await launchError()).kind).toBe('denied');
    expect(sessionStorage.length).toBe(0);
    expect(location.search).toBe('');
  });

  it('launch expired: expired-launch', async () => {
    storeLaunchState('k1');
    openAppAt('?error=invalid_request&error_description=launch+expired&state=k1');
    expect((await launchError()).kind).toBe('expired-launch');
  });

  it('a tampered state: bad-state, and the code is not exchanged', async () => {
    storeLaunchState('k1');
    openAppAt('?code=c&state=someone-elses');
    const seen = tokenEndpoint({ access_token: 'x', patient: 'p1' });
    expect((await launchError()).kind).toBe('bad-state');
    expect(seen).toEqual([]);
    expect(location.search).toBe('');
    expect(sessionStorage.length).toBe(0);
  });

  it('a replayed redirect after the state was used: bad-state', async () => {
    storeLaunchState('k1');
    openAppAt('?code=c&state=k1');
    tokenEndpoint({ access_token: 'at', patient: 'p1' });
    await readySession();
    openAppAt('?code=c&state=k1');
    expect((await launchError()).kind).toBe('bad-state');
  });

  it('opened directly: no-launch', async () => {
    expect((await launchError()).kind).toBe('no-launch');
  });

  it('token endpoint refuses: token-failed with the status only', async () => {
    storeLaunchState('k1');
    openAppAt('?code=secret-code&state=k1');
    tokenEndpoint({ error: 'invalid_grant' }, 400);
    const e = await launchError();
    expect(e).toMatchObject({ kind: 'token-failed', detail: 'HTTP 400' });
    expect(e.message).not.toContain('secret-code');
  });

  it('token endpoint unreachable: unreachable', async () => {
    storeLaunchState('k1');
    openAppAt('?code=c&state=k1');
    server.use(http.post(TOKEN_URI, () => HttpResponse.error()));
    expect((await launchError()).kind).toBe('unreachable');
  });

  it('no patient in the token response: no-patient', async () => {
    storeLaunchState('k1');
    openAppAt('?code=c&state=k1');
    tokenEndpoint({ access_token: 'at' });
    expect((await launchError()).kind).toBe('no-patient');
    expect(sessionStorage.length).toBe(0);
  });
});
