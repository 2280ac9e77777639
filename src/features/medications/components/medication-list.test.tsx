import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { MedicineGroup } from '../../../domain/merge-medications';
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
      'Metformin 500mg tabletsRecorded by 2 organisations3 entries in all',
    );
    expect(within(table).getByRole('row', { name: /^Riverside Medical Practice/ })).toHaveTextContent('Riverside Medical PracticeOne tablet twice a day20-Oct-2026active');
    expect(within(table).getByRole('row', { name: /^Ouse Valley/ })).toHaveTextContent(
      'Ouse Valley Hospitals NHS Foundation Trust500mg BDRecorded as METFORMIN 500MG TABS02-Sep-2026active',
    );
  });

  it('folds past medicines away, saying how many', () => {
    render(<MedicationList groups={[group({ key: 'cit', entries: [stopped], current: false })]} />);
    expect(screen.getByText('No current medications recorded.')).toBeInTheDocument();
    const details = screen.getByText('Past medications (1)').closest('details') as HTMLElement;
    expect(details).not.toHaveAttribute('open');
    expect(within(details).getByText('Citalopram 20mg tablets')).toBeInTheDocument();
    expect(within(details).getByRole('row', { name: new RegExp(GP.organisationName) })).toHaveTextContent('stopped');
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
