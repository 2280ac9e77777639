import { describe, expect, it } from 'vitest';
import { alert, carePlan, encounter, medication } from '../../testing/records';
import { markedItemText, sortMarked } from './marked-item-text';

describe('markedItemText', () => {
  it('says what each kind of item is, in plain words', () => {
    expect(markedItemText(medication('m', { dose: 'One tablet daily', date: '2026-01-02' }))).toEqual({ kind: 'Medication', title: 'Metformin 500mg tablets: One tablet daily', date: '2026-01-02', status: 'active' });
    expect(markedItemText(encounter('e', { reason: 'Low mood', start: '2026-03-01' })).title).toBe('Surgery consultation (Low mood)');
    expect(markedItemText(alert('a', { resourceType: 'AllergyIntolerance' })).kind).toBe('Allergy');
  });

  it('puts alerts first and the newest first within a kind', () => {
    const sorted = sortMarked([carePlan('c'), encounter('e1', { start: '2025-01-01' }), encounter('e2', { start: '2026-01-01' }), alert('a')]);
    expect(sorted.map((r) => r.key.split('/').at(-1))).toEqual(['a', 'e2', 'e1', 'c']);
  });
});
