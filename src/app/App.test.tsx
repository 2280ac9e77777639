import { render, screen, within } from '@testing-library/react';
import type { Patient } from 'fhir/r4';
import { http, HttpResponse } from 'msw';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { configInput } from '../testing/config';
import { createTestQueryClient } from '../testing/render';
import { server } from '../testing/server';
import { testSession } from '../testing/session';
import { ISS, unsignedJwt } from '../testing/smart-state';
import { App } from './App';

const NOW = () => new Date('2026-11-21T10:00:00Z');
const PRACTITIONER_URL = `${ISS}/Practitioner/gp-amelia-hart`;
const ID_TOKEN = unsignedJwt({ sub: 'u1', fhirUser: PRACTITIONER_URL });

const PATIENT: Patient = {
  resourceType: 'Patient',
  id: 'p1',
  identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765919' }],
  name: [{ use: 'official', family: 'Jones', given: ['Margaret', 'Ann'], prefix: ['Mrs'] }],
  gender: 'female',
  birthDate: '1948-03-04',
};

function servePatient(patient: Patient = PATIENT) {
  server.use(http.get(`${ISS}/Patient/p1`, () => HttpResponse.json(patient)));
}

function serveUser() {
  server.use(
    http.get(PRACTITIONER_URL, () =>
      HttpResponse.json({ resourceType: 'Practitioner', id: 'gp-amelia-hart', name: [{ family: 'Hart', given: ['Amelia'], prefix: ['Dr'] }] }),
    ),
    http.get(`${ISS}/PractitionerRole`, () =>
      HttpResponse.json({
        resourceType: 'Bundle',
        type: 'searchset',
        entry: [
          {
            resource: {
              resourceType: 'PractitionerRole',
              id: 'gp-amelia-hart-role',
              practitioner: { reference: 'Practitioner/gp-amelia-hart' },
              code: [{ coding: [{ system: 'http://snomed.info/sct', code: '62247001', display: 'General practitioner' }] }],
            },
          },
        ],
      }),
    ),
  );
}

/** No regional endpoints: these tests are about the banner and the user (the record has its own tests). */
const CONFIG = { ...configInput(), endpoints: [] };

function renderApp(tokenResponse: Parameters<typeof testSession>[0] = {}, queryClient = createTestQueryClient(), accesses = new Map(), governanceAccesses?: Parameters<typeof App>[0]['governanceAccesses']) {
  render(
    <App
      session={testSession({ id_token: ID_TOKEN, ...tokenResponse })}
      config={CONFIG}
      accesses={accesses}
      {...(governanceAccesses ? { governanceAccesses } : {})}
      now={NOW}
      queryClient={queryClient}
    />,
  );
}

const banner = () => within(screen.getByRole('region', { name: 'Patient' }));

describe('App', () => {
  it('shows the patient banner in CUI style', async () => {
    servePatient();
    serveUser();
    renderApp();
    expect(banner().getByRole('status')).toHaveTextContent('Loading patient details…');
    expect(await banner().findByRole('heading', { name: 'JONES, Margaret Ann (Mrs)' })).toBeInTheDocument();
    expect(banner().getByText('04-Mar-1948 (78y)')).toBeInTheDocument();
    expect(banner().getByText('Female')).toBeInTheDocument();
    expect(banner().getByText('943 476 5919')).toBeInTheDocument();
    expect(banner().queryByText('Deceased')).not.toBeInTheDocument();
  });

  it('says the NHS number is not recorded when there is no valid one', async () => {
    servePatient({ ...PATIENT, identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765918' }] });
    serveUser();
    renderApp();
    await banner().findByRole('heading', { name: 'JONES, Margaret Ann (Mrs)' });
    expect(banner().getByText('NHS number').parentElement).toHaveTextContent('NHS numbernot recorded');
    expect(banner().queryByText(/943/)).not.toBeInTheDocument();
  });

  it('marks a deceased patient', async () => {
    servePatient({ ...PATIENT, deceasedDateTime: '2025-01-10T09:00:00Z' });
    serveUser();
    renderApp();
    expect(await banner().findByText('Deceased')).toBeInTheDocument();
    expect(banner().getByText('10-Jan-2025 (76y)')).toBeInTheDocument();
  });

  it('hides the banner when the host says need_patient_banner is false', async () => {
    servePatient(); // still read: its verified NHS number is how other organisations are searched
    serveUser();
    renderApp({ need_patient_banner: false });
    expect(await screen.findByText('Signed in as Dr Amelia HART, General practitioner')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Patient' })).not.toBeInTheDocument();
  });

  it('shows who is signed in, with their role', async () => {
    servePatient();
    serveUser();
    renderApp();
    expect(screen.getByText('Checking who is signed in…')).toBeInTheDocument();
    expect(await screen.findByText('Signed in as Dr Amelia HART, General practitioner')).toBeInTheDocument();
  });

  it('says so when the signed-in user cannot be read', async () => {
    servePatient();
    server.use(http.get(PRACTITIONER_URL, () => new HttpResponse(null, { status: 403 })));
    renderApp();
    expect(await screen.findByText('The signed-in user could not be shown.')).toBeInTheDocument();
  });

  it('refuses a Patient read answered with a different patient, and looks for nobody', async () => {
    serveUser();
    servePatient({ ...PATIENT, id: 'p2' });
    renderApp();
    const alert = await banner().findByRole('alert');
    expect(alert).toHaveTextContent('answered with a different patient record from the one this page was opened for');
    expect(banner().queryByText('JONES, Margaret Ann (Mrs)')).not.toBeInTheDocument();
    expect(await screen.findByText(/The patient’s details could not be read from the clinical system/)).toBeInTheDocument();
  });

  it('says plainly when the Patient read fails, never a blank banner', async () => {
    serveUser();
    server.use(http.get(`${ISS}/Patient/p1`, () => HttpResponse.json({ resourceType: 'OperationOutcome' }, { status: 500 })));
    renderApp();
    const alert = await banner().findByRole('alert');
    expect(alert).toHaveTextContent('Patient details could not be loaded');
    expect(alert).toHaveTextContent('(HTTP 500)');
    expect(alert).toHaveTextContent('Check who the patient is in your clinical system');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeEnabled();
  });

  it('has one h1 and a skip link to the main content', async () => {
    servePatient();
    serveUser();
    renderApp();
    expect(screen.getAllByRole('heading', { level: 1 }).map((h) => h.textContent)).toEqual(['My Care Record']);
    expect(screen.getByRole('link', { name: 'Skip to main content' })).toHaveAttribute('href', '#maincontent');
    expect(screen.getByRole('main')).toHaveAttribute('id', 'maincontent');
  });

  it('"End session" drops every answer held in memory, signs out of every organisation, and says so', async () => {
    servePatient();
    serveUser();
    const client = createTestQueryClient();
    const dispose = vi.fn();
    type Access = Parameters<typeof App>[0]['accesses'] extends ReadonlyMap<string, infer A> ? A : never;
    const access = { endpointId: 'x', dispose } as unknown as Access;
    // The governance services' sign-ins too: the last of a shared sign-in's members disposed forgets its refresh token.
    const services = ['audit', 'objection-register', 'record-locator'].map((id) => ({ endpointId: id, dispose: vi.fn() }) as unknown as Access);
    renderApp({}, client, new Map([['x', access]]), { audit: services[0]!, register: services[1]!, locator: services[2]! });
    await banner().findByRole('heading', { name: 'JONES, Margaret Ann (Mrs)' });
    expect(client.getQueryCache().getAll().length).toBeGreaterThan(0);
    await userEvent.click(screen.getByRole('button', { name: 'End session' }));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('You ended this session');
    expect(screen.getByRole('heading', { level: 1 })).toHaveFocus();
    expect(screen.queryByText(/JONES/)).toBeNull();
    expect(client.getQueryCache().getAll()).toEqual([]);
    expect(dispose).toHaveBeenCalledTimes(1);
    for (const service of services) expect(service.dispose).toHaveBeenCalledTimes(1);
  });
});
