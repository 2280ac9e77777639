import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { MedicineGroup } from '../../../domain/merge-medications';
import { ACUTE, GP, medication } from '../../../testing/records';
import { MedicationList } from './medication-list';

const gp = medication('m1', { dose: 'One tablet twice a day', date: '2026-10-20' });
const acute = medication('m2', { name: 'METFORMIN 500MG TABS', dose: '500mg BD', date: '2026-09-02T10:00:00Z', resourceType: 'MedicationStatement' }, ACUTE);
const stopped = medication('m3', { name: 'Citalopram 20mg tablets', status: 'stopped', statusGroup: 'past', date: '2025-01-03' });

const group = (o: Partial<MedicineGroup> & Pick<MedicineGroup, 'key' | 'entries'>): MedicineGroup => ({
  name: o.entries[0]?.name ?? '', current: true, latestBySource: o.entries, likelyDuplicate: false, sources: o.entries.map((e) => e.source.endpointId), ...o,
});

describe('MedicationList', () => {
  it('shows each organisation’s latest entry with dose, CUI date and organisation, and marks a likely duplicate', () => {
    render(<MedicationList groups={[group({ key: 'metformin', name: 'Metformin 500mg tablets', entries: [gp, acute], likelyDuplicate: true })]} />);
    const item = within(screen.getAllByRole('listitem')[0] as HTMLElement);
    expect(item.getByText('Metformin 500mg tablets')).toBeInTheDocument();
    expect(item.getByText('Recorded by 2 organisations')).toBeInTheDocument();
    const [first, second] = item.getAllByRole('listitem');
    expect(first).toHaveTextContent('One tablet twice a day20-Oct-2026Riverside Medical Practice');
    expect(second).toHaveTextContent('METFORMIN 500MG TABS500mg BD02-Sep-2026Ouse Valley Hospitals NHS Foundation Trust');
  });

  it('folds past medicines away, saying how many', () => {
    render(<MedicationList groups={[group({ key: 'cit', entries: [stopped], current: false })]} />);
    expect(screen.getByText('No current medications recorded.')).toBeInTheDocument();
    const details = screen.getByText('Past medications (1)').closest('details') as HTMLElement;
    expect(details).not.toHaveAttribute('open');
    expect(within(details).getByText('Citalopram 20mg tablets')).toBeInTheDocument();
    expect(within(details).getByText('stopped')).toBeInTheDocument();
    expect(within(details).getByText(GP.organisationName)).toBeInTheDocument();
  });

  it('says when a dose or date was not recorded', () => {
    render(<MedicationList groups={[group({ key: 'x', entries: [medication('m4')] })]} />);
    expect(screen.getByText('Dose not recorded')).toBeInTheDocument();
    expect(screen.getByText('date not recorded')).toBeInTheDocument();
  });
});
