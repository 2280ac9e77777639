import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { smartApi } from './fhirclient';
import { createSession, type SmartSession } from './session';
import { server } from '../testing/server';
import { ISS, unsignedJwt } from '../testing/smart-state';

/**
 * The launching server's reads sent ahead (session.startReads, called by the app's entry as
 * soon as the token and configuration are in): each read goes to the server once, and its
 * answer is the app's first, as if the app had asked itself.
 */
let asked: string[];
let patientStatus: number;

beforeEach(() => {
  asked = [];
  patientStatus = 200;
  server.use(
    http.get(`${ISS}/Patient/p1`, ({ request }) => {
      asked.push(new URL(request.url).pathname);
      return patientStatus === 200
        ? HttpResponse.json({ resourceType: 'Patient', id: 'p1', name: [{ family: 'Whitfield' }] })
        : HttpResponse.json({ resourceType: 'OperationOutcome', issue: [] }, { status: patientStatus });
    }),
    http.get(`${ISS}/Practitioner/u1`, ({ request }) => {
      asked.push(new URL(request.url).pathname);
      return HttpResponse.json({ resourceType: 'Practitioner', id: 'u1', name: [{ family: 'Hart' }] });
    }),
    http.get(`${ISS}/PractitionerRole`, ({ request }) => {
      asked.push(`${new URL(request.url).pathname}${new URL(request.url).search}`);
      return HttpResponse.json({ resourceType: 'Bundle', type: 'searchset', entry: [{ resource: { resourceType: 'PractitionerRole', id: 'r1', active: true } }] });
    }),
  );
});
afterEach(() => server.resetHandlers());

function session(): SmartSession {
  const client = smartApi().client({
    serverUrl: ISS,
    tokenResponse: { access_token: 't', token_type: 'Bearer', patient: 'p1', id_token: unsignedJwt({ sub: 'u1', fhirUser: `${ISS}/Practitioner/u1` }) },
  });
  return createSession(client);
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('the launching server’s reads, sent ahead', () => {
  it('sends the Patient, Practitioner and PractitionerRole reads before anyone asks', async () => {
    session().startReads!();
    await settle();
    expect([...asked].sort()).toEqual(['/fhir/Patient/p1', '/fhir/Practitioner/u1', '/fhir/PractitionerRole?practitioner=u1']);
  });

  it('answers the first readPatient and readUser from what was sent: no second request', async () => {
    const s = session();
    s.startReads!();
    s.startReads!(); // twice: still one of each
    const [patient, user] = await Promise.all([s.readPatient(), s.readUser()]);
    expect(patient.name?.[0]?.family).toBe('Whitfield');
    expect(user.practitioner?.name?.[0]?.family).toBe('Hart');
    expect(user.role?.id).toBe('r1');
    expect(asked).toHaveLength(3);
  });

  it('reads again for any later call (a refetch asks the server, as before)', async () => {
    const s = session();
    s.startReads!();
    await s.readPatient();
    await s.readPatient();
    expect(asked.filter((p) => p === '/fhir/Patient/p1')).toHaveLength(2);
  });

  it('a read sent ahead that fails is the first caller’s failure, and its retry asks again', async () => {
    patientStatus = 503;
    const s = session();
    s.startReads!();
    await settle(); // failed before anyone asked: not an unhandled rejection
    await expect(s.readPatient()).rejects.toMatchObject({ name: 'SessionRequestError', status: 503 });
    patientStatus = 200;
    await expect(s.readPatient()).resolves.toMatchObject({ id: 'p1' });
    expect(asked.filter((p) => p === '/fhir/Patient/p1')).toHaveLength(2);
  });

  it('sends nothing ahead once the app has asked itself (no unused second request)', async () => {
    const s = session();
    await s.readPatient();
    s.startReads!();
    await settle();
    expect(asked.filter((p) => p === '/fhir/Patient/p1')).toHaveLength(1);
  });
});
