import { describe, expect, it } from 'vitest';
import type { MedicineGroup } from '../../domain/merge-medications';
import { ACUTE, encounter, medication } from '../../testing/records';
import { earliestDate, timelineLanes, timelineWindow } from './timeline-model';

const NOW = new Date('2026-11-21T10:00:00Z');
const t = (iso: string) => Date.parse(iso);
const group = (key: string, entries: MedicineGroup['entries']): MedicineGroup => ({
  key, name: entries[0]?.name ?? key, current: true, entries, latestBySource: entries, likelyDuplicate: false, sources: [], notPrescribed: false, discrepancies: [],
});

describe('timelineWindow', () => {
  it('ends now and reaches back the period, or to the earliest item for all', () => {
    expect(timelineWindow('2y', NOW, undefined)).toEqual({ from: t('2024-11-21T10:00:00Z'), to: NOW.getTime() });
    expect(timelineWindow('all', NOW, t('2010-01-01'))).toEqual({ from: t('2010-01-01'), to: NOW.getTime() });
  });

  it('never lets "Whole record" cover less time than any other period, however recent the record', () => {
    // A record whose earliest item is 8 months old: the whole record still reaches back as far as "Last 5 years".
    const whole = timelineWindow('all', NOW, t('2026-03-01'));
    expect(whole).toEqual({ from: t('2021-11-21T10:00:00Z'), to: NOW.getTime() });
    for (const p of ['1y', '2y', '5y'] as const) expect(whole.from).toBeLessThanOrEqual(timelineWindow(p, NOW, undefined).from);
  });
});

describe('timelineLanes', () => {
  const w = timelineWindow('2y', NOW, undefined);

  it('puts each organisation in its own lane, by name, with only what falls in the window', () => {
    const lanes = timelineLanes(
      [
        encounter('e1', { start: '2026-11-02T09:30:00Z', type: 'A&E attendance' }, ACUTE),
        encounter('e2', { start: '2026-10-01', type: 'Telephone consultation' }),
        encounter('e3', { start: '2019-01-01' }),
      ],
      [],
      w,
      NOW,
    );
    expect(lanes.map((l) => l.organisationName)).toEqual(['Ouse Valley Hospitals NHS Foundation Trust', 'Riverside Medical Practice']);
    expect(lanes[1]?.encounters).toEqual([{ key: 'riverside-gp/Encounter/e2', at: t('2026-10-01'), type: 'Telephone consultation' }]);
    expect(lanes[1]?.latestEncounter).toBe('2026-10-01');
  });

  it('draws a stay longer than a day to its end, and one still in progress to now', () => {
    const [acute] = timelineLanes(
      [
        encounter('a1', { start: '2026-06-01T10:00:00Z', end: '2026-06-05T12:00:00Z', type: 'Admission' }, ACUTE),
        encounter('a2', { start: '2026-11-18T10:00:00Z', status: 'in-progress', type: 'Admission' }, ACUTE),
      ],
      [], w, NOW,
    );
    expect(acute?.encounters.map((e) => e.until)).toEqual([t('2026-06-05T12:00:00Z'), NOW.getTime()]);
  });

  it('draws each organisation’s course of a medicine, current ones to now, packing overlaps into rows', () => {
    const metformin = group('met', [
      medication('m2', { date: '2026-10-20' }),
      medication('m1', { date: '2025-03-01', status: 'completed', statusGroup: 'past' }),
    ]);
    const citalopram = group('cit', [medication('c1', { name: 'Citalopram 20mg tablets', date: '2025-01-03', endDate: '2025-06-01', status: 'stopped', statusGroup: 'past' })]);
    const [gp] = timelineLanes([], [metformin, citalopram], w, NOW);
    expect(gp?.medicines).toEqual([
      { key: 'cit|riverside-gp', name: 'Citalopram 20mg tablets', from: t('2025-01-03'), to: t('2025-06-01'), current: false, row: 0 },
      { key: 'met|riverside-gp', name: 'Metformin 500mg tablets', from: t('2025-03-01'), to: NOW.getTime(), current: true, row: 1 },
    ]);
    expect(gp?.medicineRows).toBe(2);
  });

  it('ends an organisation’s course at its stop, and leaves it running only where the Medications section says current there', () => {
    // Ouse Valley recorded ramipril at admission on 08-Mar and stopped it on 31-Oct; Riverside still issues it.
    const ramipril = group('ram', [
      medication('stop', { name: 'Ramipril 2.5mg capsules', date: '2026-10-31T10:00:00Z', status: 'stopped', statusGroup: 'past' }, ACUTE),
      medication('ms', { name: 'Ramipril 2.5mg capsules', resourceType: 'MedicationStatement', date: '2026-03-08T14:00:00Z' }, ACUTE),
      medication('r1', { name: 'Ramipril 2.5mg capsules', date: '2026-11-06T10:00:00Z' }),
      medication('r0', { name: 'Ramipril 2.5mg capsules', date: '2026-10-09T10:00:00Z', status: 'completed', statusGroup: 'past' }),
    ]);
    const [acute, gp] = timelineLanes([], [ramipril], w, NOW);
    expect(acute?.medicines).toEqual([
      { key: 'ram|ouse-valley-acute', name: 'Ramipril 2.5mg capsules', from: t('2026-03-08T14:00:00Z'), to: t('2026-10-31T10:00:00Z'), current: false, row: 0 },
    ]);
    expect(gp?.medicines).toEqual([
      { key: 'ram|riverside-gp', name: 'Ramipril 2.5mg capsules', from: t('2026-10-09T10:00:00Z'), to: NOW.getTime(), current: true, row: 0 },
    ]);
  });

  it('ends the course at a stop recorded after an issue that was valid for longer', () => {
    const apixaban = group('apx', [
      medication('stop', { name: 'Apixaban 5mg tablets', date: '2026-05-01T09:00:00Z', status: 'stopped', statusGroup: 'past' }),
      medication('issue', { name: 'Apixaban 5mg tablets', date: '2026-01-10', endDate: '2027-01-10' }),
    ]);
    const [gp] = timelineLanes([], [apixaban], w, NOW);
    expect(gp?.medicines).toEqual([
      { key: 'apx|riverside-gp', name: 'Apixaban 5mg tablets', from: t('2026-01-10'), to: t('2026-05-01T09:00:00Z'), current: false, row: 0 },
    ]);
  });

  it('leaves out what was only proposed or considered, as the Medications section does', () => {
    // Atorvastatin only ever an option at Riverside: no course, and no lane for it alone.
    const statin = group('ator', [medication('opt', { name: 'Atorvastatin 20mg tablets', date: '2026-10-12T10:00:00Z', entryKind: 'option', intent: 'option' })]);
    expect(timelineLanes([], [statin], w, NOW)).toEqual([]);
    // A proposal after a finished course neither extends it nor makes it current.
    const amlodipine = group('aml', [
      medication('prop', { name: 'Amlodipine 5mg tablets', date: '2026-10-12', entryKind: 'proposal', intent: 'proposal' }),
      medication('done', { name: 'Amlodipine 5mg tablets', date: '2025-06-01', endDate: '2025-08-01', status: 'completed', statusGroup: 'past' }),
    ]);
    const [gp] = timelineLanes([], [amlodipine], w, NOW);
    expect(gp?.medicines).toEqual([
      { key: 'aml|riverside-gp', name: 'Amlodipine 5mg tablets', from: t('2025-06-01'), to: t('2025-08-01'), current: false, row: 0 },
    ]);
  });

  it('finds the earliest dated item for the whole history', () => {
    expect(earliestDate([encounter('e', { start: '2001-02-03' })], [group('g', [medication('m', { date: '1999-01-01' })])])).toBe(t('1999-01-01'));
    expect(earliestDate([encounter('e')], [])).toBeUndefined();
  });
});
