import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ACUTE, encounter } from '../../../testing/records';
import { EncounterList, FIRST_SHOWN } from './encounter-list';

describe('EncounterList', () => {
  it('shows date, type and organisation for each contact, in the order given, marking possible duplicates', () => {
    const list = [
      encounter('e1', { start: '2026-11-02T09:30:00Z', type: 'A&E attendance', status: 'in-progress' }, ACUTE),
      encounter('e2', { start: '2026-10-01', type: 'Telephone consultation', reason: 'Medication review' }),
    ];
    render(<EncounterList encounters={list} duplicates={new Set(['ouse-valley-acute/Encounter/e1'])} />);
    const [first, second] = screen.getAllByRole('listitem');
    expect(first).toHaveTextContent('02-Nov-2026A&E attendancein-progressAlso recorded by another organisation that dayOuse Valley Hospitals NHS Foundation Trust');
    expect(second).toHaveTextContent('01-Oct-2026Telephone consultationMedication reviewRiverside Medical Practice');
  });

  it('shows a long history on request', async () => {
    const list = Array.from({ length: FIRST_SHOWN + 5 }, (_, i) => encounter(`e${i}`, { start: '2020-01-01' }));
    render(<EncounterList encounters={list} duplicates={new Set()} />);
    expect(screen.getAllByRole('listitem')).toHaveLength(FIRST_SHOWN);
    await userEvent.click(screen.getByRole('button', { name: `Show all ${FIRST_SHOWN + 5} encounters` }));
    expect(screen.getAllByRole('listitem')).toHaveLength(FIRST_SHOWN + 5);
  });
});
