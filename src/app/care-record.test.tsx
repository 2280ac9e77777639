import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Bundle, BundleEntry, Flag, Patient } from 'fhir/r4';
import { delay, http, HttpResponse } from 'msw';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SyntheticWorld } from '../../mocks/data/world';
import type { AppConfiguration } from '../config/types';
import type { EndpointAccess } from '../smart/endpoint-access';
import { fakeGovernanceAccesses, governanceHandlers, recordPermission } from '../testing/governance';
import { createTestQueryClient } from '../testing/render';
import { server } from '../testing/server';
import { testSession } from '../testing/session';
import { ISS, unsignedJwt } from '../testing/smart-state';
import { baseUrlOf, fakeAccesses, loadWorld, organisationOf, personByKey, topology, worldConfig } from '../testing/world';
import { App } from './App';

const NOW = () => new Date('2026-11-21T10:00:00Z');
let world: SyntheticWorld;

beforeAll(async () => {
  ({ world } = await loadWorld());
}, 30_000);
beforeEach(async () => server.use(...(await loadWorld()).handlers, ...governanceHandlers(world).handlers));

/** Signed in as the GP host's own user (a clinician), whose access policy conceals no organisation. */
const gpUser = () => topology.hosts.find((h) => h.id === 'gp')!.user.practitionerId;
const GP_USER = unsignedJwt({ sub: 'gp-user', fhirUser: `${ISS}/Practitioner/${gpUser()}` });

/**
 * Launches from the GP host (riverside-gp is the test session's iss) as this person, and
 * records the patient's permission as the user must before anything is retrieved.
 */
async function launch(key: string, opts: { config?: AppConfiguration; accesses?: Map<string, EndpointAccess>; permission?: false } = {}) {
  const person = personByKey(world, key);
  const config = opts.config ?? worldConfig();
  const accesses = opts.accesses ?? fakeAccesses(config);
  render(
    <App
      session={testSession({ patient: person.patientIds['riverside-gp'], id_token: GP_USER })}
      config={config}
      accesses={accesses}
      governanceAccesses={fakeGovernanceAccesses()}
      now={NOW}
      queryClient={createTestQueryClient()}
    />,
  );
  if (opts.permission !== false) await recordPermission();
  return { person, config, accesses };
}

const sources = () => within(screen.getByRole('region', { name: 'Sources' }));
const section = (name: string) => within(screen.getByRole('region', { name }));
/** The encounter list is virtualised (jsdom renders few rows): its organisation filter lists each organisation present, with a count. */
const encounterOrg = (id: string) =>
  section('Encounters').queryByRole('option', { name: new RegExp(`^${organisationOf(id)} \\(\\d+\\)$`) });
const sourceLine = async (endpointId: string) => {
  const region = await screen.findByRole('region', { name: 'Sources' }, { timeout: 10_000 });
  const name = await within(region).findByText(organisationOf(endpointId));
  return within(name.closest('li') as HTMLElement);
};
const overall = () => sources().getByRole('status');

const SIX = 'pennington-arthur';
const KNOWN_TO_SIX = ['riverside-gp', 'fenland-mh', 'ouse-community', 'ouse-valley-acute', 'cambs-asc', 'eastern-ambulance', 'stort-acute'];

/** Answers a batch at `base` entry by entry through the world's own GET handlers, letting `change` alter entries. */
function proxyBatch(base: string, change: (url: string, entry: BundleEntry) => BundleEntry) {
  server.use(
    http.post(base, async ({ request }) => {
      const batch = (await request.json()) as Bundle;
      const entry = await Promise.all(
        (batch.entry ?? []).map(async (e) => {
          const url = e.request?.url ?? '';
          const res = await fetch(`${base}/${url}`);
          return change(url, { resource: await res.json(), response: { status: `${res.status}` } });
        }),
      );
      return HttpResponse.json({ resourceType: 'Bundle', type: 'batch-response', entry });
    }),
  );
}

describe('the merged record', () => {
  it('shows items from every organisation that knows the person, each with its source', async () => {
    await launch(SIX, { config: worldConfig({ only: KNOWN_TO_SIX }) });
    await sourceLine('riverside-gp');
    expect(await sources().findByText('Complete: all 7 organisations answered', {}, { timeout: 10_000 })).toBeInTheDocument();
    for (const id of KNOWN_TO_SIX) {
      expect((await sourceLine(id)).getByText(/^Up to date · \d+ items · [\d.]+ s$/)).toBeInTheDocument();
      expect(encounterOrg(id)).not.toBeNull();
    }
    expect(section('Alerts').getAllByRole('row').length).toBeGreaterThan(1);
    // Medications are a table: every row with cells names the organisation that recorded it
    // (apart from the folded "All N entries" row beneath a medicine, whose entries open on demand).
    const medicationRows = section('Medications').getAllByRole('row').filter((r) => within(r).queryAllByRole('cell').length > 0 && !r.querySelector('details'));
    expect(medicationRows.length).toBeGreaterThan(0);
    for (const row of medicationRows) {
      expect(KNOWN_TO_SIX.some((id) => row.textContent?.includes(organisationOf(id))), row.textContent ?? '').toBe(true);
    }
    expect(section('Care plans').getAllByText(organisationOf('fenland-mh')).length).toBeGreaterThan(0);
  }, 20_000);

  it('reads "Complete" only when the last organisation’s items are on the page with it', async () => {
    // Fenland answers last, 400 ms after the others; its care plans are the only ones.
    const base = baseUrlOf('fenland-mh');
    server.use(http.post(base, async () => void (await delay(400))));
    let atComplete: { carePlansFromFenland: number; fenlandLine: string } | undefined;
    const observer = new MutationObserver(() => {
      const region = screen.queryByRole('region', { name: 'Sources' });
      if (atComplete || !region || !within(region).queryByRole('status')?.textContent?.startsWith('Complete')) return;
      atComplete = {
        carePlansFromFenland: section('Care plans').queryAllByText(organisationOf('fenland-mh')).length,
        fenlandLine: within(within(region).getByText(organisationOf('fenland-mh')).closest('li')!).queryByText(/^Up to date/)?.textContent ?? '',
      };
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    try {
      await launch(SIX, { config: worldConfig({ only: KNOWN_TO_SIX }) });
      await waitFor(() => expect(atComplete).toBeDefined(), { timeout: 10_000 });
    } finally {
      observer.disconnect();
    }
    expect(atComplete!.carePlansFromFenland).toBeGreaterThan(0);
    expect(atComplete!.fenlandLine).toMatch(/^Up to date · \d+ items/);
  }, 20_000);

  it('counts an organisation with no record of the person as answered, so the record can be complete', async () => {
    await launch(SIX);
    const line = await sourceLine('lea-valley-gp');
    expect(await line.findByText('No record for this patient', {}, { timeout: 10_000 })).toBeInTheDocument();
    await waitFor(() => expect(overall()).toHaveTextContent('Complete: all 8 organisations answered'), { timeout: 10_000 });
  }, 20_000);

  it('keeps the others when one organisation fails, says so in plain words, and Try again asks that one again', async () => {
    const base = baseUrlOf('fenland-mh');
    let down = true;
    const fail = () => (down ? HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception' }] }, { status: 500 }) : undefined);
    server.use(http.all(`${base}/*`, fail), http.all(base, fail));
    await launch(SIX, { config: worldConfig({ only: KNOWN_TO_SIX }) });
    const line = await sourceLine('fenland-mh');
    expect(await line.findByText('Its system had a problem', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(line.getByText(/^The server answered 500/).closest('details')).not.toBeNull();
    expect(await (await sourceLine('riverside-gp')).findByText(/^Up to date/)).toBeInTheDocument();
    expect(encounterOrg('riverside-gp')).not.toBeNull();
    expect(encounterOrg('fenland-mh')).toBeNull();
    expect(section('Encounters').getByText(/Not shown from: Fenland Mental Health NHS Foundation Trust \(failed\)/)).toBeInTheDocument();
    await waitFor(() => expect(overall()).toHaveTextContent('Incomplete record: Fenland Mental Health NHS Foundation Trust (not retrieved)'));

    down = false;
    await userEvent.click(line.getByRole('button', { name: /^Try again for / }));
    expect(await line.findByText(/^Up to date/, {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(encounterOrg('fenland-mh')).not.toBeNull();
    expect(overall()).toHaveTextContent('Complete: all 7 organisations answered');
  }, 20_000);

  it('times out an organisation that never answers, without holding up the others', async () => {
    const base = baseUrlOf('eastern-ambulance');
    let hanging = true;
    const hang = async () => {
      if (!hanging) return undefined; // on to the world's own handler
      await delay('infinite');
      return HttpResponse.text('never');
    };
    server.use(http.all(`${base}/*`, hang), http.all(base, hang));
    await launch(SIX, { config: worldConfig({ only: KNOWN_TO_SIX, timeoutMs: { 'eastern-ambulance': 400 } }) });
    const line = await sourceLine('eastern-ambulance');
    expect(await line.findByText('Timed out after 0.4 s', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(line.getByText('Not answering')).toBeInTheDocument();
    expect(line.getByRole('button', { name: /^Try again for / })).toBeInTheDocument();
    expect(await (await sourceLine('stort-acute')).findByText(/^Up to date/)).toBeInTheDocument();
    await waitFor(() => expect(overall()).toHaveTextContent('Incomplete record: Eastern Counties Ambulance Service NHS Trust (not answering)'));

    hanging = false;
    await userEvent.click(line.getByRole('button', { name: /^Try again for / }));
    expect(await line.findByText(/^Up to date/, {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(encounterOrg('eastern-ambulance')).not.toBeNull();
  }, 20_000);

  it('leaves out an organisation whose patient has another date of birth, saying why', async () => {
    await launch(world.cases.dobMismatch, { config: worldConfig({ only: ['riverside-gp', 'eastern-ambulance', 'stort-acute'] }) });
    const line = await sourceLine('stort-acute');
    expect(
      await line.findByText(/^Date of birth differs: 07-Mar-1979 in the launching record, 03-Jul-1979 here\. Nothing from/, {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(await (await sourceLine('riverside-gp')).findByText(/^Up to date/)).toBeInTheDocument();
    expect(encounterOrg('stort-acute')).toBeNull();
  }, 20_000);

  it('drops a record about another patient and counts it against that source', async () => {
    const base = baseUrlOf('cambs-asc');
    const stranger: Flag = { resourceType: 'Flag', id: 'stranger', status: 'active', code: { text: 'Someone else’s warning' }, subject: { reference: 'Patient/ASC3999999' } };
    proxyBatch(base, (url, entry) => {
      if (!url.startsWith('Flag')) return entry;
      const bundle = entry.resource as Bundle;
      return { ...entry, resource: { ...bundle, entry: [...(bundle.entry ?? []), { resource: stranger, search: { mode: 'match' } }] } };
    });
    await launch(SIX, { config: worldConfig({ only: KNOWN_TO_SIX }) });
    const line = await sourceLine('cambs-asc');
    expect(await line.findByText(/^Incomplete: 1 record about another patient was dropped · \d+ items shown$/, {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.queryByText('Someone else’s warning')).toBeNull();
    expect(section('Alerts').getAllByText(organisationOf('cambs-asc')).length).toBeGreaterThan(0);
  }, 20_000);

  it('shows what arrived when one search in the batch fails, and names the failed search', async () => {
    const base = baseUrlOf('riverside-gp');
    proxyBatch(base, (url, entry) =>
      url.startsWith('Encounter')
        ? { response: { status: '500 Internal Server Error', outcome: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics: 'Encounter index offline' }] } } }
        : entry,
    );
    await launch(SIX, { config: worldConfig({ only: KNOWN_TO_SIX }) });
    const line = await sourceLine('riverside-gp');
    expect(await line.findByText(/^Some records missing · \d+ items shown$/, {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(line.getByText(/^Not retrieved from Riverside Medical Practice: encounters\./)).toBeInTheDocument();
    expect(section('Medications').getAllByText(organisationOf('riverside-gp')).length).toBeGreaterThan(0);
    expect(section('Encounters').getByText(/Not shown from: Riverside Medical Practice \(search failed\)/)).toBeInTheDocument();
    expect(section('Medications').queryByText(/Not shown from/)).toBeNull();
    await waitFor(() => expect(overall()).toHaveTextContent('Incomplete record: Riverside Medical Practice (incomplete)'));
  }, 20_000);

  it('asks nobody when the launching NHS number is not verified, and says why', async () => {
    const person = personByKey(world, SIX);
    const gp = baseUrlOf('riverside-gp');
    const id = person.patientIds['riverside-gp'] as string;
    const res = await fetch(`${gp}/Patient/${id}`);
    const patient = (await res.json()) as Patient;
    const unverified: Patient = { ...patient, identifier: patient.identifier?.map((i) => ({ system: i.system, value: i.value })) };
    server.use(http.get(`${gp}/Patient/${id}`, () => HttpResponse.json(unverified)));
    const config = worldConfig();
    const authorise = vi.fn();
    const accesses = fakeAccesses(config, Object.fromEntries(config.endpoints.map((e) => [e.id, { authorise }])));
    await launch(SIX, { config, accesses, permission: false });
    const notice = await screen.findByRole('alert');
    expect(notice).toHaveTextContent(
      "This patient's NHS number is not verified in PracticeView GP (Riverside Medical Practice), so records from other organisations cannot be matched safely.",
    );
    expect(notice).toHaveTextContent('(no verification status)');
    expect(screen.queryByRole('region', { name: 'Sources' })).toBeNull();
    expect(authorise).not.toHaveBeenCalled();
  });

  it('offers sign-in to an organisation that needs it, then shows its records', async () => {
    const config = worldConfig({ only: ['riverside-gp', 'fenland-mh'] });
    let signedIn = false;
    const accesses = fakeAccesses(config, {
      'fenland-mh': {
        authorise: async () => (signedIn ? { state: 'authorised' } : { state: 'sign-in-needed', reason: 'Your sign-in there has ended' }),
        signInInteractively: async () => {
          signedIn = true;
          return { state: 'authorised' };
        },
      },
    });
    await launch(SIX, { config, accesses });
    const line = await sourceLine('fenland-mh');
    expect(await line.findByText('Sign-in needed', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(line.getByText('Your sign-in there has ended')).toBeInTheDocument();
    expect(section('Care plans').queryByText(organisationOf('fenland-mh'))).toBeNull();
    await userEvent.click(line.getByRole('button', { name: 'Sign in to Fenland Mental Health NHS Foundation Trust' }));
    expect(await line.findByText(/^Up to date/, {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(section('Care plans').getAllByText(organisationOf('fenland-mh')).length).toBeGreaterThan(0);
  }, 20_000);
});
