import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { UserRoleContext } from '../components/user-role';
import type { RoleCategory } from '../domain/role';
import type { SourceStatus } from '../domain/source-status';
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

function renderAs(role: RoleCategory) {
  render(
    <UserRoleContext value={role}>
      <RecordSections records={records} sources={[GP_OK]} now={NOW} endpoints={ENDPOINTS} />
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
    render(
      <UserRoleContext value="clinical">
        <RecordSections records={records} sources={[GP_OK, mh]} now={NOW} endpoints={ENDPOINTS} />
      </UserRoleContext>,
    );
    const nav = within(screen.getByRole('navigation', { name: 'Sections of the record' }));
    expect(nav.getAllByRole('link').map((a) => a.textContent)).toEqual(['Alertsloading', 'Problemsloading', 'Medicationsloading', 'Encountersloading', 'Care plansloading', 'Who is involvedloading', 'Resultsloading', 'Documentsloading', 'Timeline']);
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
