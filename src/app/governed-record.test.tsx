import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuditStore } from '../../mocks/sandbox/audit/audit-store';
import type { SyntheticWorld } from '../../mocks/data/world';
import { PERMISSION_TEXT } from '../domain/policy/permission';
import { smartApi } from '../smart/fhirclient';
import { createSession, type SmartSession } from '../smart/session';
import type { EndpointAccess, EndpointAuthState } from '../smart/endpoint-access';
import { fakeGovernanceAccesses, governanceHandlers, recordPermission, serviceAccess } from '../testing/governance';
import { createTestQueryClient } from '../testing/render';
import { server } from '../testing/server';
import { unsignedJwt } from '../testing/smart-state';
import { baseUrlOf, fakeAccesses, loadWorld, organisationOf, personByKey, topology, worldConfig } from '../testing/world';
import { createLocatorHandler, locatorIndex } from '../../mocks/sandbox/locator/locator-handler';
import type { AppConfiguration } from '../config/types';
import { LOCATOR_SERVICE_ID } from '../smart/governance-accesses';
import { App } from './App';

/**
 * The governed viewing in the browser code with the synthetic world (MSW over the
 * sandbox's own FHIR, audit and register handlers): permission first, every access
 * audited, objections and their override, sensitive items. The end-to-end suite
 * (e2e/governance.spec.ts) proves the same against the running sandbox.
 */

const NOW = () => new Date('2026-11-21T10:00:00Z');
let world: SyntheticWorld;
let audit: AuditStore;
let requests: { url: string; method: string; body?: string }[];

beforeAll(async () => {
  ({ world } = await loadWorld());
}, 30_000);
beforeEach(async () => {
  const governance = governanceHandlers(world);
  audit = governance.audit;
  server.use(...(await loadWorld()).handlers, ...governance.handlers);
  requests = [];
  server.events.on('request:start', ({ request }) => {
    const entry: { url: string; method: string; body?: string } = { url: request.url, method: request.method };
    requests.push(entry);
    if (request.method === 'POST') void request.clone().text().then((t) => (entry.body = t));
  });
});
afterEach(() => server.events.removeAllListeners());

/** A launch from the host system `hostId`, signed in as that host's user (so the role is real). */
function sessionAt(hostId: 'gp' | 'hospital' | 'social-care', personKey: string): SmartSession {
  const host = topology.hosts.find((h) => h.id === hostId)!;
  const iss = baseUrlOf(host.endpointId);
  const person = personByKey(world, personKey);
  const client = smartApi().client({
    serverUrl: iss,
    tokenResponse: {
      access_token: 't', token_type: 'Bearer', patient: person.patientIds[host.endpointId],
      id_token: unsignedJwt({ sub: host.user.practitionerId, fhirUser: `${iss}/Practitioner/${host.user.practitionerId}` }),
    },
  });
  return createSession(client);
}

function open(hostId: 'gp' | 'hospital' | 'social-care', personKey: string, governanceAccesses = fakeGovernanceAccesses(), config = worldConfig()) {
  render(
    <App session={sessionAt(hostId, personKey)} config={config} accesses={fakeAccesses(config)} governanceAccesses={governanceAccesses} now={NOW} queryClient={createTestQueryClient()} />,
  );
}

/**
 * A service that refuses every silent sign-in (as a strict server answers prompt=none with
 * login_required) and signs in only from the pop-up a user's click opens.
 */
function interactiveOnly(base: EndpointAccess): EndpointAccess & { popups: () => number } {
  let state: EndpointAuthState = { state: 'idle' };
  let popups = 0;
  const listeners = new Set<(s: EndpointAuthState) => void>();
  const set = (s: EndpointAuthState) => {
    state = s;
    listeners.forEach((l) => l(s));
    return s;
  };
  return {
    ...base,
    popups: () => popups,
    current: () => state,
    subscribe: (l) => (listeners.add(l), () => void listeners.delete(l)),
    authorise: async () => (state.state === 'authorised' ? state : set({ state: 'sign-in-needed', reason: 'Sign in to the service to see its records.' })),
    signInInteractively: async () => {
      popups += 1;
      return set({ state: 'authorised' });
    },
  };
}

const line = async (endpointId: string) => {
  const region = await screen.findByRole('region', { name: 'Sources' }, { timeout: 10_000 });
  return within((await within(region).findByText(organisationOf(endpointId))).closest('li') as HTMLElement);
};
const settled = () => waitFor(() => expect(screen.getByRole('region', { name: 'Sources' }).querySelector('[role=status]')).not.toHaveTextContent(/Still loading/), { timeout: 15_000 });
/** A batch that asks for `metadata` only: the probe sent while the user reads the question (no patient data). */
const isProbe = (r: { method: string; body?: string }) => {
  if (r.method !== 'POST' || !r.body) return false;
  const entries = (JSON.parse(r.body) as { entry?: { request?: { url?: string } }[] }).entry ?? [];
  return entries.length > 0 && entries.every((e) => e.request?.url === 'metadata');
};
/** A request for patient data at a regional endpoint or the register (not discovery, not the launch context). */
const isPatientData = (r: { url: string; method: string; body?: string }) => {
  const u = new URL(r.url);
  const regional = [...topology.endpoints.map((e) => e.baseUrl), topology.objectionRegister.baseUrl].some((b) => r.url.startsWith(b));
  return regional && !isProbe(r) && !/\/(metadata|\.well-known\/.*|Practitioner\/.*|PractitionerRole)$/.test(u.pathname) && !/\/Patient\/[^/]+$/.test(u.pathname);
};
const subtypes = () => audit.all().map((s) => s.event.subtype?.[0]?.code);

describe('a strict audit service and register: signed in to interactively', () => {
  it('offers "Sign in to the audit service", records nothing before it, then records and asks the register after its own sign-in', async () => {
    const fake = fakeGovernanceAccesses();
    const audited = interactiveOnly(fake.audit!);
    const register = interactiveOnly(fake.register!);
    open('gp', 'whitfield-margaret', { audit: audited, register });
    const signIn = await screen.findByRole('button', { name: 'Sign in to the audit service' }, { timeout: 10_000 });
    await userEvent.click(screen.getByRole('radio', { name: PERMISSION_TEXT['patient-consented'] }));
    expect(screen.getByRole('button', { name: 'Sign in to the audit service first' })).toBeDisabled();
    expect(audit.all()).toEqual([]);
    await userEvent.click(signIn);
    expect(audited.popups()).toBe(1);
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Sign in to the audit service' })).toBeNull());
    await userEvent.click(screen.getByRole('button', { name: 'Record and continue' }));
    await waitFor(() => expect(subtypes()[0]).toBe('permission-to-view'));
    // The register refused its silent sign-in too: nothing retrieved until its own sign-in.
    await userEvent.click(await screen.findByRole('button', { name: 'Sign in to the objection register' }, { timeout: 10_000 }));
    expect(register.popups()).toBe(1);
    await settled();
    expect(requests.some((r) => r.url.startsWith(topology.objectionRegister.baseUrl) && !isProbe(r) && r.method === 'POST')).toBe(true);
    expect(await line('riverside-gp')).toBeTruthy();
  }, 30_000);
});

describe('permission to view', () => {
  it('asks first, retrieves nothing until the decision is stored in the audit trail, then retrieves', async () => {
    open('gp', 'whitfield-margaret');
    expect(await screen.findByRole('radio', { name: PERMISSION_TEXT['patient-consented'] })).not.toBeChecked();
    expect(screen.queryByRole('region', { name: 'Sources' })).toBeNull();
    await new Promise((r) => setTimeout(r, 200));
    expect(requests.filter(isPatientData)).toEqual([]);
    await recordPermission('patient-consented');
    await settled();
    const firstData = requests.findIndex(isPatientData);
    const permissionWrite = requests.findIndex((r) => r.method === 'POST' && r.url.startsWith(topology.audit.baseUrl));
    expect(permissionWrite).toBeGreaterThanOrEqual(0);
    expect(firstData).toBeGreaterThan(permissionWrite);
    expect(subtypes()[0]).toBe('permission-to-view');
    expect(audit.all()[0]?.event.agent[0]?.purposeOfUse?.[0]?.coding?.[0]?.code).toBe('TREAT');
    // Every query is audited: the register, and each organisation's searches.
    expect(subtypes().filter((s) => s === 'search').length).toBeGreaterThan(8);
    // The register is searched once, though its check starts before its gate is drawn.
    expect(requests.filter((r) => r.url.startsWith(topology.objectionRegister.baseUrl) && isPatientData(r))).toHaveLength(1);
    // Each organisation's first request for patient data comes after an audit write that names it (ADR 0012).
    const queriesIn = (body: string | undefined): string[] =>
      ((JSON.parse(body ?? '{}') as { entry?: { resource?: { entity?: { query?: string }[] } }[] }).entry ?? []).flatMap((x) =>
        (x.resource?.entity ?? []).flatMap((en) => (en.query ? [atob(en.query)] : [])),
      );
    const auditWrites = requests.flatMap((r, i) => (r.method === 'POST' && r.url.startsWith(topology.audit.baseUrl) ? [{ i, queries: queriesIn(r.body) }] : []));
    const asked = topology.endpoints.filter((e) => requests.some((r) => r.url.startsWith(e.baseUrl) && isPatientData(r)));
    expect(asked.length).toBe(8);
    for (const e of asked) {
      const first = requests.findIndex((r) => r.url.startsWith(e.baseUrl) && isPatientData(r));
      const named = auditWrites.some((w) => w.i < first && w.queries.some((q) => q.startsWith(`GET ${e.baseUrl}/`)));
      expect({ endpoint: e.id, auditedAhead: named }).toEqual({ endpoint: e.id, auditedAhead: true });
    }
  }, 30_000);

  it('counts each organisation’s time limit, and the register’s, from the permission’s storage: a slow permission write times nothing out (ADR 0013)', async () => {
    // The permission takes 800 ms to store; every organisation and the register allow 400 ms.
    server.use(
      http.post(topology.audit.baseUrl, async ({ request }) => {
        if ((await request.clone().text()).includes('permission-to-view')) await new Promise((r) => setTimeout(r, 800));
      }),
    );
    const base = worldConfig({ timeoutMs: Object.fromEntries(topology.endpoints.map((e) => [e.id, 400])) });
    const config = { ...base, objectionRegister: { ...base.objectionRegister!, timeoutMs: 400 } };
    open('gp', 'whitfield-margaret', fakeGovernanceAccesses(), config);
    await screen.findByRole('radio', { name: PERMISSION_TEXT['patient-consented'] });
    // As a user reads the question: the record's view (which starts the queries at the decision) loads meanwhile.
    await new Promise((r) => setTimeout(r, 1_500));
    await recordPermission('patient-consented');
    await settled();
    expect(screen.getByRole('region', { name: 'Sources' })).toHaveTextContent('Complete: all 8 organisations answered');
    expect(screen.queryByText(/took too long|timed out|did not answer/i)).toBeNull();
    // Not timed out and then mended by the automatic retry: every query succeeded the first
    // time (no AuditEvent with a failure outcome), and each organisation was asked once.
    expect(audit.all().filter((s) => s.event.outcome !== '0').map((s) => s.event.outcomeDesc)).toEqual([]);
    for (const e of topology.endpoints) expect({ [e.id]: requests.filter((r) => r.url.startsWith(e.baseUrl) && isPatientData(r)).length }).toEqual({ [e.id]: 1 });
  }, 30_000);

  it('while the question is read, signs in to the audit service first, then the register, then the organisations', async () => {
    // Where they share one sign-in their tokens come one after another in the order asked
    // (smart/shared-sign-in.ts), and the decision is written to the audit service first.
    const asked: string[] = [];
    const idle: EndpointAuthState = { state: 'idle' };
    const recording = (a: EndpointAccess): EndpointAccess => ({
      ...a,
      current: () => (asked.includes(a.endpointId) ? a.current() : idle),
      authorise: () => {
        asked.push(a.endpointId);
        return a.authorise();
      },
    });
    const config = worldConfig();
    const fake = fakeGovernanceAccesses();
    const governanceAccesses = { ...fake, audit: recording(fake.audit!), register: recording(fake.register!) };
    const accesses = new Map([...fakeAccesses(config)].map(([id, a]) => [id, recording(a)]));
    render(<App session={sessionAt('gp', 'whitfield-margaret')} config={config} accesses={accesses} governanceAccesses={governanceAccesses} now={NOW} queryClient={createTestQueryClient()} />);
    await screen.findByRole('radio', { name: PERMISSION_TEXT['patient-consented'] });
    const isOrganisation = (id: string) => config.endpoints.some((e) => e.id === id);
    await waitFor(() => expect(asked.filter(isOrganisation)).toHaveLength(config.endpoints.length));
    expect(asked.indexOf(fake.audit!.endpointId)).toBe(0);
    expect(asked.indexOf(fake.register!.endpointId)).toBe(1);
    expect(asked.slice(2).every(isOrganisation)).toBe(true);
  }, 30_000);

  it('retrieves nothing when the patient refused, and says so', async () => {
    open('gp', 'whitfield-margaret');
    await recordPermission('patient-refused');
    expect(screen.getByText('Nothing has been retrieved')).toBeInTheDocument();
    await new Promise((r) => setTimeout(r, 200));
    expect(requests.filter(isPatientData)).toEqual([]);
    expect(audit.all().map((s) => s.event.entity?.[1]?.detail?.[0]?.valueString)).toContain('https://fhir.my-care-record.example/CodeSystem/permission-basis|patient-refused');
  });

  it('asks no permission question for a patient who has died: the reasons after death, audited with their purpose', async () => {
    open('gp', 'marsh-edith');
    expect(await screen.findByRole('group', { name: 'The patient has died. Why are you viewing their shared record?' }, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.queryByRole('radio', { name: PERMISSION_TEXT['patient-consented'] })).toBeNull();
    expect(screen.queryByRole('radio', { name: PERMISSION_TEXT['patient-refused'] })).toBeNull();
    await recordPermission('confirming-death');
    await settled();
    expect(audit.all()[0]?.event.entity?.[1]?.detail?.[0]?.valueString).toBe('https://fhir.my-care-record.example/CodeSystem/permission-basis|confirming-death');
    expect(new Set(audit.all().map((s) => s.event.agent[0]?.purposeOfUse?.[0]?.coding?.[0]?.code))).toEqual(new Set(['HLEGAL']));
  }, 30_000);

  it('records best interests as emergency treatment (ETREAT) on every access', async () => {
    open('gp', 'whitfield-margaret');
    await recordPermission('best-interests');
    await settled();
    const purposes = new Set(audit.all().map((s) => s.event.agent[0]?.purposeOfUse?.[0]?.coding?.[0]?.code));
    expect([...purposes]).toEqual(['ETREAT']);
  }, 30_000);

  it('fails closed when the audit trail refuses the decision: nothing retrieved, the user told why', async () => {
    server.use(http.post(`${topology.audit.baseUrl}/*`, () => HttpResponse.json({ resourceType: 'OperationOutcome' }, { status: 503 })), http.post(topology.audit.baseUrl, () => HttpResponse.json({}, { status: 503 })));
    open('gp', 'whitfield-margaret');
    await userEvent.click(await screen.findByRole('radio', { name: PERMISSION_TEXT['patient-consented'] }));
    await userEvent.click(screen.getByRole('button', { name: 'Record and continue' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The record is hidden: this viewing could not be recorded in the audit trail');
    expect(alert).toHaveTextContent('The audit service did not store the record (HTTP 503)');
    expect(screen.queryByRole('region', { name: 'Sources' })).toBeNull();
    expect(requests.filter(isPatientData)).toEqual([]);
  });
});

describe('objections', () => {
  it('shows nothing from an organisation the patient objected to, and a clinician may override it, marked and audited', async () => {
    open('gp', 'holloway-graham');
    await recordPermission();
    const fenland = await line('fenland-mh');
    expect(await fenland.findByText(/The patient has objected to sharing records from this organisation/, {}, { timeout: 10_000 })).toBeInTheDocument();
    const banner = within(screen.getByRole('region', { name: 'Patient objections' }));
    expect(banner.getByText(/recorded on the objection register/)).toBeInTheDocument();
    // One request was made of Fenland, its batch, sent alongside the register's search
    // (docs/adr/0005); what it brought is dropped unread: nothing of Fenland's is shown.
    expect(requests.filter((r) => r.url.startsWith(baseUrlOf('fenland-mh')) && isPatientData(r)).map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual(['POST /fhir']);
    expect(screen.queryAllByRole('button', { name: /from Fenland Mental Health/ })).toEqual([]);
    await settled();
    expect(screen.getByRole('region', { name: 'Sources' }).querySelector('[role=status]')).toHaveTextContent('Fenland Mental Health NHS Foundation Trust (patient objected)');

    await userEvent.click(banner.getByRole('button', { name: 'Override the objection to Fenland Mental Health NHS Foundation Trust' }));
    const form = within(screen.getByRole('form', { name: 'Override the objection to Fenland Mental Health NHS Foundation Trust' }));
    await userEvent.click(form.getByRole('radio', { name: 'Risk of harm to the patient or others' }));
    await userEvent.type(form.getByLabelText('Why this is needed now'), 'Acutely unwell, needs crisis plan');
    await userEvent.click(form.getByRole('button', { name: 'Override the objection' }));

    // Fenland's items join their own sections, each marked with who overrode, when and why.
    const plans = within(screen.getByRole('region', { name: 'Care plans' }));
    const crisis = (await plans.findByRole('heading', { name: /Crisis and contingency plan/ }, { timeout: 10_000 })).closest('li')!;
    expect(crisis).toHaveTextContent(/Shown under emergency override by .+ on \d\d-[A-Z][a-z]{2}-\d{4} \d\d:\d\d, for this session only\. Reason: Risk of harm to the patient or others: Acutely unwell, needs crisis plan/);
    expect(crisis).toHaveTextContent('Crisis line');
    expect(screen.queryByRole('region', { name: 'Shown under an emergency override' })).toBeNull();
    expect(await fenland.findByText(/Shown under an emergency override \(Risk of harm to the patient or others\)/)).toBeInTheDocument();
    const override = audit.all().find((s) => s.event.subtype?.[0]?.code === '110127')?.event;
    expect(override?.purposeOfEvent?.[1]).toMatchObject({ coding: [{ code: 'risk-of-harm' }], text: 'Acutely unwell, needs crisis plan' });
    await waitFor(() => expect(audit.all().filter((s) => s.event.agent[0]?.purposeOfUse?.[0]?.coding?.[0]?.code === 'BTG').length).toBeGreaterThan(2));
  }, 30_000);
});

describe('sensitive items', () => {
  it('withholds and counts restricted items per source; a clinician may reveal them with a reason; very restricted never', async () => {
    open('gp', 'barrett-chloe');
    await recordPermission();
    await settled();
    const gp = await line('riverside-gp');
    expect(gp.getByText('2 items withheld')).toBeInTheDocument();
    expect(screen.queryByText(/Domestic abuse/)).toBeNull();
    expect(screen.queryByText(/Human immunodeficiency virus/)).toBeNull();
    const mh = await line('fenland-mh');
    const count = Number(/^(\d+) items withheld$/.exec(mh.getByText(/items withheld$/).textContent ?? '')?.[1]);
    expect(count).toBeGreaterThan(3);

    await userEvent.click(mh.getByRole('button', { name: 'Reveal restricted items from Fenland Mental Health NHS Foundation Trust' }));
    await userEvent.type(mh.getByRole('textbox'), 'Planning discharge medicines');
    await userEvent.click(mh.getByRole('button', { name: 'Reveal' }));
    // Each revealed item sits in its own section, marked; focus moves to the first of them.
    const marks = await screen.findAllByText('Restricted item revealed', { selector: 'strong' }, { timeout: 10_000 });
    // (The encounter list is virtualised and jsdom lays nothing out, so not every mark is in the page here.)
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.length).toBeLessThanOrEqual(count);
    for (const m of marks) expect(m.parentElement).toHaveTextContent(/for this session only\. Reason: Planning discharge medicines$/);
    await waitFor(() => expect(document.activeElement?.textContent).toMatch(/^Restricted item revealed by /));
    expect(screen.queryByRole('region', { name: 'Restricted items you revealed' })).toBeNull();
    expect(screen.queryByText(/Domestic abuse/)).toBeNull();
    const reveal = audit.all().find((s) => s.event.subtype?.[0]?.code === 'restricted-revealed')?.event;
    expect(reveal?.entity?.filter((e) => e.role?.code === '4')).toHaveLength(count);
  }, 30_000);

  it('never shows a social worker a sensitive item, and offers no reveal', async () => {
    open('social-care', 'barrett-chloe');
    await recordPermission();
    await settled();
    // Being known to mental-health services is itself sensitive for this role: the trust is not named, nothing of it counted.
    const sources = screen.getByRole('region', { name: 'Sources' });
    expect(within(sources).queryByText(organisationOf('fenland-mh'))).toBeNull();
    expect(screen.queryByText(/Fenland/)).toBeNull();
    expect(screen.getByText('Some information is not shown to your role.')).toBeInTheDocument();
    expect(await line('riverside-gp')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Reveal restricted items/ })).toBeNull();
    expect(screen.queryByText(/Domestic abuse/)).toBeNull();
    expect(screen.queryByText(/Sexual and reproductive health/)).toBeNull();
    // Not asked at all: nothing of the trust reaches the browser, and the audit trail does not
    // record this user searching it (docs/access-policy.md: the decision uses the configuration alone).
    const fenland = baseUrlOf('fenland-mh');
    const patientData = (r: { url: string; method: string; body?: string }) =>
      r.url.startsWith(fenland) && !/\/(metadata|\.well-known\/)/.test(r.url) && !(r.method === 'POST' && !/"url":"(?!metadata)/.test(r.body ?? ''));
    await waitFor(() => expect(requests.some((r) => r.url.startsWith(baseUrlOf('riverside-gp')) && r.method === 'POST')).toBe(true));
    expect(requests.filter(patientData).map((r) => `${r.method} ${r.url}`)).toEqual([]);
    expect(audit.all().filter((s) => JSON.stringify(s.event).includes(fenland))).toEqual([]);
  }, 30_000);
});

describe('a region with a record locator, seen by a social worker', () => {
  /**
   * The locator names the acute trust, and the mental-health trust only when `withMentalHealth`:
   * its pointers are built from those organisations' own Patients, as the region's index is.
   */
  function openWithLocator(withMentalHealth: boolean) {
    const named = ['ouse-valley-acute', ...(withMentalHealth ? ['fenland-mh'] : [])];
    const pointers = locatorIndex(topology, Object.fromEntries(named.map((id) => [id, world.byEndpoint[id] ?? []])));
    const handle = createLocatorHandler({ topology, pointers });
    const base = topology.recordLocator.baseUrl;
    server.use(http.all(`${base}/*`, ({ request }) => handle(request)), http.all(base, ({ request }) => handle(request)));
    const config: AppConfiguration = { ...worldConfig(), recordLocator: { fhirBaseUrl: base, auth: { type: 'smart', scope: 'user/DocumentReference.rs' }, timeoutMs: 10_000 } };
    const governanceAccesses = { ...fakeGovernanceAccesses(), locator: serviceAccess(LOCATOR_SERVICE_ID, base) };
    return render(
      <App session={sessionAt('social-care', 'barrett-chloe')} config={config} accesses={fakeAccesses(config)} governanceAccesses={governanceAccesses} now={NOW} queryClient={createTestQueryClient()} />,
    );
  }

  /** What the locator's note says, and the organisations it lists as not known to hold records. */
  async function locatorNote() {
    const heading = await screen.findByRole('heading', { name: /not known to hold records for this person/ }, { timeout: 15_000 });
    const note = heading.closest('section')!;
    return { heading: heading.textContent, text: note.textContent, listed: within(note).getAllByRole('listitem').map((li) => li.textContent) };
  }

  it('cannot tell from the screen whether the locator named the mental-health trust: neither counted nor listed, and the same note either way', async () => {
    const seen: Awaited<ReturnType<typeof locatorNote>>[] = [];
    for (const withMentalHealth of [true, false]) {
      const view = openWithLocator(withMentalHealth);
      await recordPermission();
      const note = await locatorNote();
      seen.push(note);
      // Asked: the registered practice, the launching council and the acute trust the locator names.
      expect(note.text).toContain('name 3 organisations, and only those are asked');
      // Not known: the eight configured organisations less those three and the concealed trust.
      expect(note.heading).toBe('4 organisations are not known to hold records for this person');
      expect(note.listed).toEqual(
        ['fenland-mh', 'riverside-gp', 'cambs-asc', 'ouse-valley-acute'].reduce((rest, id) => rest.filter((e) => e.id !== id), worldConfig().endpoints).map((e) => `${e.organisationName}: not known to hold records`),
      );
      expect(screen.queryByText(/Fenland/)).toBeNull();
      expect(await screen.findByText('Some information is not shown to your role.')).toBeInTheDocument();
      view.unmount();
    }
    expect(seen[0]).toEqual(seen[1]);
    expect(requests.filter((r) => r.url.startsWith(baseUrlOf('fenland-mh')))).toEqual([]);
  }, 40_000);
});
