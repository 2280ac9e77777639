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
  it('orders a social worker’s summary: alerts, care plans, encounters, medications, then the timeline', () => {
    renderAs('social-care');
    expect(sectionTitles()).toEqual(['Alerts', 'Care plans', 'Encounters', 'Medications', 'Results', 'Documents', 'Timeline']);
    const nav = within(screen.getByRole('navigation', { name: 'Sections of the record' }));
    expect(nav.getAllByRole('link').map((a) => a.textContent)).toEqual(['Alerts1', 'Care plans1', 'Encounters1', 'Medications1', 'Results0', 'Documents0', 'Timeline']);
  });

  it('orders a clinician’s summary: alerts, medications, encounters, care plans, then the timeline', () => {
    renderAs('clinical');
    expect(sectionTitles()).toEqual(['Alerts', 'Medications', 'Encounters', 'Care plans', 'Results', 'Documents', 'Timeline']);
  });

  it('opens any item’s detail with its provenance, and closes it back to where it was', async () => {
    renderAs('clinical');
    const view = screen.getByRole('button', { name: 'View Metformin 500mg tablets from Riverside Medical Practice' });
    await userEvent.click(view);
    const dialog = within(screen.getByRole('dialog', { name: /Metformin 500mg tablets/ }));
    expect(dialog.getByText('Endpoint').parentElement).toHaveTextContent('http://localhost:8430/fhir');
    expect(dialog.getByText('ODS code').parentElement).toHaveTextContent('D99001');
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(view).toHaveFocus();
  });
});
