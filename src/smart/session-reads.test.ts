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
let batchStatus: number;

/** The launching server's answer to one read, whether asked alone or in a batch. */
function answer(path: string): { status: number; body: unknown } {
  if (path === 'Patient/p1') {
    return patientStatus === 200
      ? { status: 200, body: { resourceType: 'Patient', id: 'p1', name: [{ family: 'Whitfield' }] } }
      : { status: patientStatus, body: { resourceType: 'OperationOutcome', issue: [] } };
  }
  if (path === 'Practitioner/u1') return { status: 200, body: { resourceType: 'Practitioner', id: 'u1', name: [{ family: 'Hart' }] } };
  if (path === 'PractitionerRole?practitioner=u1') {
    return { status: 200, body: { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: { resourceType: 'PractitionerRole', id: 'r1', active: true } }] } };
  }
  return { status: 404, body: { resourceType: 'OperationOutcome', issue: [] } };
}

const STATUS_TEXT: Record<number, string> = { 200: '200 OK', 404: '404 Not Found', 503: '503 Service Unavailable' };

beforeEach(() => {
  asked = [];
  patientStatus = 200;
  batchStatus = 200;
  const alone = ({ request }: { request: Request }) => {
    const u = new URL(request.url);
    const path = `${u.pathname.replace(/^\/fhir\//, '')}${u.search}`;
    asked.push(`GET ${path}`);
    const a = answer(path);
    return HttpResponse.json(a.body as never, { status: a.status });
  };
  server.use(
    http.get(`${ISS}/Patient/p1`, alone),
    http.get(`${ISS}/Practitioner/u1`, alone),
    http.get(`${ISS}/PractitionerRole`, alone),
    http.post(ISS, async ({ request }) => {
      const bundle = (await request.json()) as { type?: string; entry?: { request: { method: string; url: string } }[] };
      asked.push(`POST batch ${(bundle.entry ?? []).map((e) => `${e.request.method} ${e.request.url}`).join(', ')}`);
      if (batchStatus !== 200) return HttpResponse.json({ resourceType: 'OperationOutcome', issue: [] }, { status: batchStatus });
      const entry = (bundle.entry ?? []).map((e) => {
        const a = answer(e.request.url);
        return { response: { status: STATUS_TEXT[a.status] ?? String(a.status) }, resource: a.body };
      });
      return HttpResponse.json({ resourceType: 'Bundle', type: 'batch-response', entry });
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
  it('sends the Patient, Practitioner and PractitionerRole reads before anyone asks, each a batch of one at the base', async () => {
    session().startReads!();
    await settle();
    expect([...asked].sort()).toEqual(['POST batch GET Patient/p1', 'POST batch GET Practitioner/u1', 'POST batch GET PractitionerRole?practitioner=u1']);
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

  it('asks each read on its own where the server takes no batch, with the same answers', async () => {
    batchStatus = 405;
    const s = session();
    s.startReads!();
    const [patient, user] = await Promise.all([s.readPatient(), s.readUser()]);
    expect(patient.id).toBe('p1');
    expect(user.practitioner?.id).toBe('u1');
    expect(user.role?.id).toBe('r1');
    expect(asked.filter((a) => a.startsWith('GET ')).sort()).toEqual(['GET Patient/p1', 'GET Practitioner/u1', 'GET PractitionerRole?practitioner=u1']);
    expect(asked.filter((a) => a.startsWith('POST '))).toHaveLength(3);
  });

  it('reads again for any later call (a refetch asks the server, as before)', async () => {
    const s = session();
    s.startReads!();
    await s.readPatient();
    await s.readPatient();
    expect(asked.filter((a) => a.includes('Patient/p1'))).toEqual(['POST batch GET Patient/p1', 'GET Patient/p1']);
  });

  it('a read sent ahead that fails in the batch is the first caller’s failure, with its status, and its retry asks again', async () => {
    patientStatus = 503;
    const s = session();
    s.startReads!();
    await settle(); // failed before anyone asked: not an unhandled rejection
    await expect(s.readPatient()).rejects.toMatchObject({ name: 'SessionRequestError', status: 503 });
    // The user's part of the same batch is still good.
    await expect(s.readUser()).resolves.toMatchObject({ practitioner: { id: 'u1' } });
    patientStatus = 200;
    await expect(s.readPatient()).resolves.toMatchObject({ id: 'p1' });
    expect(asked.filter((p) => p === 'GET Patient/p1')).toHaveLength(1);
  });

  it('an entry of another type than asked for is not taken as the patient', async () => {
    server.use(
      http.post(ISS, () =>
        HttpResponse.json({
          resourceType: 'Bundle',
          type: 'batch-response',
          entry: [{ response: { status: '200 OK' }, resource: { resourceType: 'Practitioner', id: 'p1' } }],
        }),
      ),
    );
    const s = session();
    s.startReads!();
    await expect(s.readPatient()).rejects.toMatchObject({ name: 'SessionRequestError', what: 'The patient’s details' });
  });

  it('sends nothing ahead once the app has asked itself (no unused second request)', async () => {
    const s = session();
    await s.readPatient();
    s.startReads!();
    await settle();
    expect(asked.filter((p) => p.includes('Patient/p1'))).toHaveLength(1);
  });
});
