import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { UserRoleContext } from '../components/user-role';
import type { RoleCategory } from '../domain/role';
import type { SourceStatus } from '../domain/source-status';
import type { CareRecord, ShownNote, SourceRef } from '../domain/records';
import { alert, carePlan, encounter, medication } from '../testing/records';
import { RecordSections } from './record-sections';

const NOW = () => new Date('2026-11-21T10:00:00Z');
const GP_OK: SourceStatus = {
  endpointId: 'riverside-gp', organisationName: 'Riverside Medical Practice',
  status: { state: 'ok', counts: {}, tookMs: 100, asOf: '2026-11-21T09:59:00Z', unreadable: 0 },
};
const records = [
  alert('f1', { text: 'Lives alone' }),
  medication('m1', { date: '2026-10-20', dose: 'One daily' }),
  encounter('e1', { start: '2026-10-01' }),
  carePlan('p1', { start: '2026-01-01' }),
];
const ENDPOINTS = [{ id: 'riverside-gp', organisationName: 'Riverside Medical Practice', odsCode: 'D99001', region: 'r', kind: 'gp-practice' as const,
  fhirBaseUrl: 'http://localhost:8430/fhir', auth: { type: 'smart' as const, scope: 's' }, timeoutMs: 1000 }];

function renderAs(role: RoleCategory, sources: SourceStatus[] = [GP_OK]) {
  render(
    <UserRoleContext value={role}>
      <RecordSections records={records} sources={sources} now={NOW} endpoints={ENDPOINTS} />
    </UserRoleContext>,
  );
}
const sectionTitles = () => screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);

describe('RecordSections', () => {
  it('orders a social worker’s summary: who is involved, alerts, care plans, encounters, problems, medications, then the timeline', () => {
    renderAs('social-care');
    expect(sectionTitles()).toEqual(['Who is involved', 'Alerts', 'Care plans', 'Encounters', 'Problems', 'Medications', 'Results', 'Documents', 'Timeline']);
    const nav = within(screen.getByRole('navigation', { name: 'Sections of the record' }));
    expect(nav.getAllByRole('link').map((a) => a.textContent)).toEqual(['Who is involved0', 'Alerts1', 'Care plans1', 'Encounters1', 'Problems0', 'Medications1', 'Results0', 'Documents0', 'Timeline']);
  });

  it('says "loading" for a count while an organisation is still being asked, never a number that may grow', () => {
    const mh: SourceStatus = { endpointId: 'fenland-mh', organisationName: 'Fenland Mental Health', status: { state: 'loading', pagesSoFar: 0 } };
    renderAs('clinical', [GP_OK, mh]);
    const nav = within(screen.getByRole('navigation', { name: 'Sections of the record' }));
    expect(nav.getAllByRole('link').map((a) => a.textContent)).toEqual(['Alertsloading', 'Problemsloading', 'Medicationsloading', 'Encountersloading', 'Care plansloading', 'Who is involvedloading', 'Resultsloading', 'Documentsloading', 'Timeline']);
  });

  it('updates a section’s "none" line when another organisation answers with nothing, though its items are the same', () => {
    const mhLoading: SourceStatus = { endpointId: 'fenland-mh', organisationName: 'Fenland Mental Health', status: { state: 'loading', pagesSoFar: 0 } };
    const mhAnswered: SourceStatus = { ...mhLoading, status: { ...GP_OK.status } } as SourceStatus;
    const draw = (sources: SourceStatus[]) => (
      <UserRoleContext value="clinical">
        <RecordSections records={records} sources={sources} now={NOW} endpoints={ENDPOINTS} />
      </UserRoleContext>
    );
    const view = render(draw([GP_OK, mhLoading]));
    const alerts = () => within(screen.getByRole('region', { name: 'Alerts' }));
    expect(alerts().getByText('No active allergies or intolerances so far: the 1 organisation that answered records none.')).toBeInTheDocument();
    view.rerender(draw([GP_OK, mhAnswered]));
    expect(alerts().getByText('No active allergies or intolerances recorded at the 2 organisations that answered.')).toBeInTheDocument();
    expect(alerts().queryByText(/so far/)).not.toBeInTheDocument();
  });

  it('marks a count incomplete when an organisation that may hold such items did not answer', () => {
    const acute: SourceStatus = { endpointId: 'ouse-valley-acute', organisationName: 'Ouse Valley Hospitals', status: { state: 'timed-out', afterMs: 15_000 } };
    renderAs('clinical', [GP_OK, acute]);
    const nav = within(screen.getByRole('navigation', { name: 'Sections of the record' }));
    expect(nav.getAllByRole('link').map((a) => a.textContent)).toEqual([
      'Alerts1 (incomplete)', 'Problems0 (incomplete)', 'Medications1 (incomplete)', 'Encounters1 (incomplete)', 'Care plans1 (incomplete)',
      'Who is involved0 (incomplete)', 'Results0 (incomplete)', 'Documents0 (incomplete)', 'Timeline',
    ]);
    expect(nav.getByRole('link', { name: /^Medications/ })).toHaveAccessibleDescription('Not every organisation answered: Ouse Valley Hospitals (timed out).');
  });

  it('orders a clinician’s summary: alerts, problems, medications, encounters, care plans, who is involved, then the timeline', () => {
    renderAs('clinical');
    expect(sectionTitles()).toEqual(['Alerts', 'Problems', 'Medications', 'Encounters', 'Care plans', 'Who is involved', 'Results', 'Documents', 'Timeline']);
  });

  it('opens any item’s detail with its provenance, and closes it back to where it was', async () => {
    renderAs('clinical');
    const view = screen.getByRole('button', { name: 'View Metformin 500mg tablets from Riverside Medical Practice' });
    await userEvent.click(view);
    const dialog = within(await screen.findByRole('dialog', { name: /Metformin 500mg tablets/ }, { timeout: 5000 }));
    expect(dialog.getByText('Endpoint').parentElement).toHaveTextContent('http://localhost:8430/fhir');
    expect(dialog.getByText('ODS code').parentElement).toHaveTextContent('D99001');
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(view).toHaveFocus();
  }, 20_000);
});

describe('RecordSections: revealed and overridden items in their own sections', () => {
  const MH: SourceRef = { endpointId: 'fenland-mh', organisationName: 'Fenland Mental Health NHS Foundation Trust', odsCode: 'RMY01' };
  const MH_OK: SourceStatus = { endpointId: 'fenland-mh', organisationName: MH.organisationName, status: { state: 'ok', counts: {}, tookMs: 100, asOf: '2026-11-21T09:59:00Z', unreadable: 0 } };
  const revealNote: ShownNote = { by: 'Dr Amelia Hart', at: '2026-11-21T09:58:00Z', reason: 'Planning discharge medicines' };
  const overrideNote: ShownNote = { by: 'Dr Amelia Hart', at: '2026-11-21T09:30:00Z', reason: 'Risk of harm to the patient or others: In crisis in A&E' };
  const gpMetformin = medication('m1', { date: '2026-10-20', dose: 'One daily' });
  // The same medicine, older, from the mental-health trust: not that organisation's only entry, so not its latest row.
  const mhMetformin = medication('m2', { date: '2026-09-01', dose: 'Two daily' }, MH);
  const mhMetforminOld = medication('m3', { date: '2025-01-01', dose: 'One daily' }, MH);
  const revealedOld = { ...mhMetforminOld, shownUnder: 'reveal' as const, shownNote: revealNote };
  const revealedEncounter = { ...encounter('e2', { start: '2026-11-01', type: 'Psychiatry outpatient review' }, MH), shownUnder: 'reveal' as const, shownNote: revealNote };
  const crisisPlan = {
    ...carePlan('p2', { title: 'Crisis and contingency plan', activities: ['Early warning signs: poor sleep, withdrawing from family', 'Crisis line: NHS 111, option 2'] }, MH),
    original: { resourceType: 'CarePlan', id: 'p2', text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml"><p>Call the crisis line first.</p></div>' } } as never,
    shownUnder: 'override' as const,
    shownNote: overrideNote,
  };
  const plain = [gpMetformin, mhMetformin, encounter('e1', { start: '2026-10-01' })];

  beforeEach(() => {
    // The encounter list is virtualised: give it a size, as a browser would.
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(420);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(900);
    vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockReturnValue(32);
  });
  afterEach(() => vi.restoreAllMocks());

  function renderWith(rs: CareRecord[]) {
    return render(
      <UserRoleContext value="clinical">
        <RecordSections records={rs} sources={[GP_OK, MH_OK]} now={NOW} endpoints={ENDPOINTS} />
      </UserRoleContext>,
    );
  }
  const section = (name: string) => within(screen.getByRole('region', { name }));

  it('shows a revealed medicine entry in Medications, in the same medicine’s group as other organisations’ entries, marked with who, when and why', () => {
    renderWith([...plain, revealedOld]);
    const meds = section('Medications');
    const group = meds.getByRole('rowheader', { name: /^Metformin 500mg tablets/ }).closest('tbody')!;
    const rows = within(group as HTMLElement);
    expect(rows.getAllByRole('button', { name: /^View Metformin 500mg tablets from / }).map((b) => b.getAttribute('aria-label'))).toEqual([
      'View Metformin 500mg tablets from Riverside Medical Practice',
      'View Metformin 500mg tablets from Fenland Mental Health NHS Foundation Trust',
      'View Metformin 500mg tablets from Fenland Mental Health NHS Foundation Trust',
    ]);
    expect(group).toHaveTextContent(
      'Restricted item revealed by Dr Amelia Hart on 21-Nov-2026 09:58, for this session only. Reason: Planning discharge medicines',
    );
    // No separate list after the timeline.
    expect(screen.queryByRole('region', { name: 'Restricted items you revealed' })).not.toBeInTheDocument();
  });

  it('counts revealed and overridden items in their sections', () => {
    renderWith([...plain, revealedEncounter, crisisPlan]);
    const nav = within(screen.getByRole('navigation', { name: 'Sections of the record' }));
    const counts = nav.getAllByRole('link').map((a) => a.textContent);
    expect(counts).toContain('Encounters2');
    expect(counts).toContain('Care plans1');
    expect(section('Encounters').getByText('Psychiatry outpatient review', { selector: '.encounter-type' })).toBeInTheDocument();
  });

  it('shows an overridden crisis plan with its activities, marked, and its detail with activities and narrative', async () => {
    renderWith([...plain, crisisPlan]);
    const plans = section('Care plans');
    const item = plans.getByRole('heading', { name: /Crisis and contingency plan/ }).closest('li')!;
    expect(item).toHaveTextContent('Early warning signs: poor sleep, withdrawing from family');
    expect(item).toHaveTextContent('Shown under emergency override by Dr Amelia Hart on 21-Nov-2026 09:30, for this session only. Reason: Risk of harm to the patient or others: In crisis in A&E');
    await userEvent.click(within(item as HTMLElement).getByRole('button', { name: `View Crisis and contingency plan from ${MH.organisationName}` }));
    const dialog = within(await screen.findByRole('dialog', { name: /Crisis and contingency plan/ }, { timeout: 5000 }));
    expect(dialog.getByText('Activities').parentElement).toHaveTextContent('Crisis line: NHS 111, option 2');
    expect(dialog.getByText('Call the crisis line first.')).toBeInTheDocument();
    expect(dialog.getByText('Shown under emergency override')).toBeInTheDocument();
  }, 20_000);

  it('moves keyboard focus to the first revealed item in reading order once a reveal puts items on screen', async () => {
    const view = renderWith(plain);
    expect(document.body).toHaveFocus();
    view.rerender(
      <UserRoleContext value="clinical">
        <RecordSections records={[...plain, revealedEncounter, revealedOld]} sources={[GP_OK, MH_OK]} now={NOW} endpoints={ENDPOINTS} />
      </UserRoleContext>,
    );
    // A clinician reads medications before encounters: the medicine entry's mark takes focus.
    await vi.waitFor(() => expect(document.activeElement).toHaveTextContent(/^Restricted item revealed by Dr Amelia Hart/));
    expect(section('Medications').getByText(/^Restricted item revealed/, { selector: 'strong' }).parentElement).toHaveFocus();
  });


  it('brings a revealed encounter far down the virtualised list into the page, and focus lands on it', async () => {
    const many = Array.from({ length: 200 }, (_, n) => encounter(`x${n}`, { start: `2026-${String(10 - Math.floor(n / 28)).padStart(2, '0')}-${String(28 - (n % 28)).padStart(2, '0')}` }));
    const old = { ...encounter('old', { start: '2019-01-01', type: 'Psychiatry outpatient review' }, MH), shownUnder: 'reveal' as const, shownNote: revealNote };
    // jsdom does not scroll: do what a browser does (move, then say so).
    const scrollTo = function (this: HTMLElement, opts?: ScrollToOptions | number) {
      this.scrollTop = typeof opts === 'object' ? (opts.top ?? 0) : 0;
      this.dispatchEvent(new Event('scroll'));
    };
    const offsets = new WeakMap<Element, number>();
    Object.defineProperty(HTMLElement.prototype, 'scrollTo', { value: scrollTo, configurable: true, writable: true });
    Object.defineProperty(HTMLElement.prototype, 'scrollTop', { get() { return offsets.get(this as Element) ?? 0; }, set(v: number) { offsets.set(this as Element, v); }, configurable: true });
    vi.spyOn(HTMLElement.prototype, 'scrollHeight', 'get').mockReturnValue(201 * 32);
    onTestFinished(() => {
      delete (HTMLElement.prototype as { scrollTo?: unknown }).scrollTo;
      delete (HTMLElement.prototype as { scrollTop?: unknown }).scrollTop;
    });
    const view = renderWith(many);
    expect(screen.queryByText('Psychiatry outpatient review', { selector: '.encounter-type' })).toBeNull();
    view.rerender(
      <UserRoleContext value="clinical">
        <RecordSections records={[...many, old]} sources={[GP_OK, MH_OK]} now={NOW} endpoints={ENDPOINTS} />
      </UserRoleContext>,
    );
    await vi.waitFor(() => expect(document.activeElement).toHaveTextContent(/^Restricted item revealed by Dr Amelia Hart/));
    expect(document.activeElement?.closest('li')).toHaveTextContent('Psychiatry outpatient review');
  });
});
