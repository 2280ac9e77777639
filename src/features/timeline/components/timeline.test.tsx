import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { MedicineGroup } from '../../../domain/merge-medications';
import { ACUTE, encounter, medication } from '../../../testing/records';
import { Timeline } from './timeline';

const NOW = () => new Date('2026-11-21T10:00:00Z');
const metformin: MedicineGroup = {
  key: 'met', name: 'Metformin 500mg tablets', current: true, likelyDuplicate: false, sources: ['riverside-gp'], notPrescribed: false, discrepancies: [],
  entries: [medication('m1', { date: '2026-03-01' })], latestBySource: [],
};
const encounters = [
  encounter('e1', { start: '2026-11-02T09:30:00Z', end: '2026-11-06T12:00:00Z', type: 'Admission' }, ACUTE),
  encounter('e2', { start: '2026-10-01', type: 'Telephone consultation' }),
  encounter('e3', { start: '2021-05-01', type: 'Surgery consultation' }),
];

describe('Timeline', () => {
  it('is one focusable image with a name, described in words, with a lane per organisation', () => {
    const { container } = render(<Timeline encounters={encounters} medicines={[metformin]} now={NOW} />);
    const picture = screen.getByRole('img', { name: 'Timeline of contacts and medicines by organisation' });
    expect(picture).toHaveAttribute('tabindex', '0');
    expect(picture).toHaveAccessibleDescription(
      '2 organisations: 2 contacts and 1 medicine course from 21-Nov-2024 to 21-Nov-2026. The table below the picture lists them.',
    );
    expect(container.querySelectorAll('.tl-lane')).toHaveLength(2);
    expect(container.querySelectorAll('.tl-stay')).toHaveLength(1);
    expect(container.querySelectorAll('.tl-med-current')).toHaveLength(1);
    expect(container.querySelector('[style]')).toBeNull();
  });

  it('draws an organisation’s contacts as one shape with a tick for each, however many there are', () => {
    const many = ['2026-01-05', '2026-02-05', '2026-03-05', '2026-04-05'].map((start, i) => encounter(`c${i}`, { start, type: 'Surgery consultation' }));
    const { container } = render(<Timeline encounters={many} medicines={[]} now={NOW} />);
    const contacts = container.querySelectorAll('.tl-contact');
    expect(contacts).toHaveLength(1);
    // One closed rectangle (M…z) per contact, each 2 pixels wide.
    expect(contacts[0]!.getAttribute('d')!.match(/M[^z]*z/g)).toHaveLength(4);
    expect(contacts[0]!.getAttribute('d')!.match(/h2v/g)).toHaveLength(4);
  });

  it('gives the same as a table: contacts, latest contact and medicine courses per organisation', () => {
    render(<Timeline encounters={encounters} medicines={[metformin]} now={NOW} />);
    const table = screen.getByRole('table', { name: 'From 21-Nov-2024 to 21-Nov-2026, by organisation' });
    expect(within(table).getByRole('row', { name: /^Riverside Medical Practice/ })).toHaveTextContent(
      'Riverside Medical Practice101-Oct-2026Metformin 500mg tablets: 01-Mar-2026 to now (current)',
    );
    expect(within(table).getByRole('row', { name: /^Ouse Valley/ })).toHaveTextContent('102-Nov-2026none in this period');
  });

  it('shows another period on request', async () => {
    render(<Timeline encounters={encounters} medicines={[]} now={NOW} />);
    await userEvent.selectOptions(screen.getByLabelText('Period shown'), 'Whole record');
    expect(screen.getByText(/^2 organisations: 3 contacts and 0 medicine courses from 01-May-2021/)).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('Period shown'), 'Last 12 months');
    expect(screen.getByText(/^2 organisations: 2 contacts/)).toBeInTheDocument();
  });

  it('says so when nothing falls in the period', () => {
    render(<Timeline encounters={[encounter('old', { start: '2001-01-01' })]} medicines={[]} now={NOW} />);
    expect(screen.getByText('No contacts or medicines in this period.')).toBeInTheDocument();
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
  });
});
