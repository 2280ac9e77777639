import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { groupMedications, type MedicineGroup } from '../../../domain/merge-medications';
import { ACUTE, GP, medication } from '../../../testing/records';
import { MedicationList } from './medication-list';

const gp = medication('m1', { dose: 'One tablet twice a day', date: '2026-10-20' });
const gpOlder = medication('m0', { dose: 'One tablet twice a day', date: '2026-09-22', status: 'completed', statusGroup: 'past' });
const acute = medication('m2', { name: 'METFORMIN 500MG TABS', dose: '500mg BD', date: '2026-09-02T10:00:00Z', resourceType: 'MedicationStatement' }, ACUTE);
const stopped = medication('m3', { name: 'Citalopram 20mg tablets', status: 'stopped', statusGroup: 'past', date: '2025-01-03' });

const group = (o: Partial<MedicineGroup> & Pick<MedicineGroup, 'key' | 'entries'>): MedicineGroup => ({
  name: o.entries[0]?.name ?? '', current: true, latestBySource: o.entries, likelyDuplicate: false, notPrescribed: false, discrepancies: [], sources: o.entries.map((e) => e.source.endpointId), ...o,
});

const metformin = group({ key: 'metformin', name: 'Metformin 500mg tablets', entries: [gp, gpOlder, acute], latestBySource: [gp, acute], sources: [GP.endpointId, ACUTE.endpointId], likelyDuplicate: true });

describe('MedicationList', () => {
  it('shows each organisation’s latest entry with dose, CUI date and organisation, and marks a likely duplicate', () => {
    render(<MedicationList groups={[metformin]} />);
    const table = screen.getByRole('table', { name: 'Current medications (1)' });
    expect(within(table).getByRole('rowheader', { name: /Metformin 500mg tablets/ })).toHaveTextContent(
      'Metformin 500mg tabletsRecorded by 2 organisations',
    );
    // Said, not sounded as a warning: the amber "Check" flags are for discrepancies.
    expect(within(table).getByText('Recorded by 2 organisations')).not.toHaveTextContent(/^Check/);
    expect(within(table).getByText('Recorded by 2 organisations')).toHaveClass('nhsuk-tag--grey');
    expect(within(table).getByRole('row', { name: /^Riverside Medical Practice/ })).toHaveTextContent('Riverside Medical PracticeOne tablet twice a dayPrescription20-Oct-2026Active');
    expect(within(table).getByRole('row', { name: /^Ouse Valley/ })).toHaveTextContent(
      'Ouse Valley Hospitals NHS Foundation Trust500mg BDRecorded as METFORMIN 500MG TABSReported as taken (medication statement)02-Sep-2026Active',
    );
  });

  it('keeps every entry reachable: all entries of a medicine under its own disclosure, each with its View button', async () => {
    const onOpen = vi.fn();
    render(<MedicationList groups={[metformin]} onOpen={onOpen} />);
    const all = screen.getByText('All 3 entries for Metformin 500mg tablets').closest('details') as HTMLElement;
    await userEvent.click(within(all).getByText('All 3 entries for Metformin 500mg tablets'));
    expect(await within(all).findAllByRole('listitem')).toHaveLength(3);
    await userEvent.click(within(all).getAllByRole('button', { name: 'View Metformin 500mg tablets from Riverside Medical Practice' })[1] as HTMLElement);
    expect(onOpen).toHaveBeenCalledWith(gpOlder);
  });

  it('flags reconciliation discrepancies beside the medicine, and keeps what was never prescribed apart', () => {
    const flagged = { ...metformin, discrepancies: [{ kind: 'stopped-elsewhere' as const, stoppedAt: [ACUTE], activeAt: [GP] }], lastIssued: '2026-10-20', lastIssuedBy: GP.organisationName };
    const option = group({ key: 'opt', entries: [medication('o1', { name: 'Atorvastatin 20mg tablets', intent: 'option', entryKind: 'option' })], current: false, notPrescribed: true });
    render(<MedicationList groups={[flagged, option]} />);
    expect(screen.getByRole('rowheader', { name: /Metformin/ })).toHaveTextContent('Check: Stopped at Ouse Valley Hospitals NHS Foundation Trust, active at Riverside Medical PracticeLast issued 20-Oct-2026 by Riverside Medical Practice');
    const apart = screen.getByText('Suggested or considered, not prescribed (1)').closest('details') as HTMLElement;
    expect(within(apart).getByRole('row', { name: /Riverside/ })).toHaveTextContent('Option considered (not prescribed)');
  });

  it('flags paracetamol prescribed at the hospital while co-codamol is current at the GP, on both medicines', () => {
    const cocodamol = medication('cc', { name: 'Co-codamol 30mg/500mg tablets', codes: [{ system: 'http://snomed.info/sct', code: '322341003' }], date: '2026-10-20' });
    const paracetamol = medication('pa', { name: 'Paracetamol 500mg tablets', codes: [{ system: 'http://snomed.info/sct', code: '322236009' }], date: '2026-10-29' }, ACUTE);
    render(<MedicationList groups={groupMedications([cocodamol, paracetamol], new Date('2026-11-02T12:00:00Z'))} />);
    const table = screen.getByRole('table', { name: 'Current medications (2)' });
    expect(within(table).getByRole('rowheader', { name: /^Co-codamol/ })).toHaveTextContent('Paracetamol is also in Paracetamol 500mg tablets: check the combined dose');
    expect(within(table).getByRole('rowheader', { name: /^Paracetamol/ })).toHaveTextContent('Paracetamol is also in Co-codamol 30mg/500mg tablets: check the combined dose');
  });

  it('folds past medicines away, saying how many', () => {
    render(<MedicationList groups={[group({ key: 'cit', entries: [stopped], current: false })]} />);
    expect(screen.getByText('No current medications recorded.')).toBeInTheDocument();
    const details = screen.getByText('Past medications (1)').closest('details') as HTMLElement;
    expect(details).not.toHaveAttribute('open');
    expect(within(details).getByText('Citalopram 20mg tablets')).toBeInTheDocument();
    expect(within(details).getByRole('row', { name: new RegExp(GP.organisationName) })).toHaveTextContent('Stopped');
  });

  it('says when a dose or date was not recorded', () => {
    render(<MedicationList groups={[group({ key: 'x', entries: [medication('m4')] })]} />);
    expect(screen.getByText('Dose not recorded')).toBeInTheDocument();
    expect(screen.getByText('date not recorded')).toBeInTheDocument();
  });

  it('opens an organisation’s entry from its View button', async () => {
    const onOpen = vi.fn();
    render(<MedicationList groups={[metformin]} onOpen={onOpen} />);
    await userEvent.click(screen.getByRole('button', { name: 'View METFORMIN 500MG TABS from Ouse Valley Hospitals NHS Foundation Trust' }));
    expect(onOpen).toHaveBeenCalledWith(acute);
  });
});
