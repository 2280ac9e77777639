import { describe, expect, it } from 'vitest';
import { ACUTE, encounter } from '../../testing/records';
import { ANY, encounterFilterOptions, filterEncounters, rangeIsBackwards, showingText } from './encounter-filter';

const list = [
  encounter('e1', { start: '2026-11-02T09:30:00Z', type: 'A&E attendance' }, ACUTE),
  encounter('e2', { start: '2026-10-01', type: 'Telephone consultation' }),
  encounter('e3', { start: '2026-10-31T23:30:00Z', type: 'Surgery consultation' }), // 31 Oct 23:30 UTC is 31 Oct in London (GMT)
  encounter('e4', { start: '2025-06', type: 'Surgery consultation' }),
  encounter('e5', { type: 'Surgery consultation' }),
];
const ids = (xs: { key: string }[]) => xs.map((x) => x.key.split('/').pop());

describe('filterEncounters', () => {
  it('keeps everything, in order, with no filter', () => {
    expect(ids(filterEncounters(list, ANY))).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
  });

  it('narrows by organisation and by type', () => {
    expect(ids(filterEncounters(list, { ...ANY, organisation: ACUTE.endpointId }))).toEqual(['e1']);
    expect(ids(filterEncounters(list, { ...ANY, type: 'Surgery consultation' }))).toEqual(['e3', 'e4', 'e5']);
  });

  it('narrows by London calendar day, both ends included; a partial date counts if its month overlaps', () => {
    expect(ids(filterEncounters(list, { ...ANY, from: '2026-10-01', to: '2026-10-31' }))).toEqual(['e2', 'e3']);
    expect(ids(filterEncounters(list, { ...ANY, from: '2025-06-15', to: '2025-06-15' }))).toEqual(['e4']);
    expect(ids(filterEncounters(list, { ...ANY, to: '2025-12-31' }))).toEqual(['e4']);
  });

  it('leaves out undated contacts once a date is set, and everything when the range is backwards', () => {
    expect(ids(filterEncounters(list, { ...ANY, from: '2000-01-01' }))).not.toContain('e5');
    const backwards = { ...ANY, from: '2026-11-01', to: '2026-10-01' };
    expect(rangeIsBackwards(backwards)).toBe(true);
    expect(filterEncounters(list, backwards)).toEqual([]);
  });
});

describe('encounterFilterOptions', () => {
  it('offers the organisations and types the list holds, with counts, by name', () => {
    const options = encounterFilterOptions(list);
    expect(options.organisations).toEqual([
      { id: 'ouse-valley-acute', name: 'Ouse Valley Hospitals NHS Foundation Trust', count: 1 },
      { id: 'riverside-gp', name: 'Riverside Medical Practice', count: 4 },
    ]);
    expect(options.types).toEqual([
      { type: 'A&E attendance', count: 1 },
      { type: 'Surgery consultation', count: 3 },
      { type: 'Telephone consultation', count: 1 },
    ]);
  });

  it('offers only the types the chosen organisation holds', () => {
    expect(encounterFilterOptions(list, ACUTE.endpointId).types).toEqual([{ type: 'A&E attendance', count: 1 }]);
    expect(encounterFilterOptions(list, 'riverside-gp').types).toEqual([
      { type: 'Surgery consultation', count: 3 },
      { type: 'Telephone consultation', count: 1 },
    ]);
    // The organisations themselves stay on offer.
    expect(encounterFilterOptions(list, ACUTE.endpointId).organisations).toHaveLength(2);
  });
});

describe('showingText', () => {
  it('gets the plurals right', () => {
    expect(showingText(1, 1)).toBe('Showing 1 encounter');
    expect(showingText(47, 47)).toBe('Showing all 47 encounters, newest first');
    expect(showingText(0, 47)).toBe('Showing 0 of 47 encounters, newest first');
    expect(showingText(1, 1234)).toBe('Showing 1 of 1,234 encounters, newest first');
  });
});
