import { describe, expect, it } from 'vitest';
import type { QuantityValue, ResultRecord } from '../records';
import { SOURCES } from '../testing/record-arbitraries';
import { buildTrend, type UcumConverter } from './trend';

let n = 0;
function r(value: QuantityValue | { kind: 'text'; text: string }, date: string | undefined, source = SOURCES[0]!, range?: ResultRecord['referenceRange']): ResultRecord {
  n += 1;
  return {
    key: `${source.endpointId}/Observation/t${n}`, source, original: { resourceType: 'Observation' } as never, kind: 'result', resourceType: 'Observation',
    name: 'Haemoglobin', codes: [], status: 'final', value, ...(date ? { date } : {}), ...(range ? { referenceRange: range } : {}),
  };
}
const gL = (value: number): QuantityValue => ({ kind: 'quantity', value, unit: 'g/L', ucum: 'g/L' });
const gdL = (value: number): QuantityValue => ({ kind: 'quantity', value, unit: 'g/dL', ucum: 'g/dL' });
/** g/dL to g/L as UCUM defines it (1 dL = 0.1 L); nothing else. */
const ucum: UcumConverter = (v, from, to) => (from === 'g/dL' && to === 'g/L' ? v * 10 : undefined);

describe('buildTrend', () => {
  it('draws results from two organisations in the latest unit, oldest first, with the latest range as the band', () => {
    const t = buildTrend([
      r(gL(128), '2026-01-10', SOURCES[0]),
      r(gL(101), '2026-09-02T08:00:00Z', SOURCES[2], { low: 115, high: 165, unit: 'g/L' }),
    ]);
    expect(t.unit).toBe('g/L');
    expect(t.points.map((p) => [p.value, p.result.source.endpointId])).toEqual([[128, 'riverside-gp'], [101, 'ouse-valley-acute']]);
    expect(t.band).toEqual({ low: 115, high: 165 });
    expect(t.organisations).toEqual(['Riverside Medical Practice', 'Ouse Valley Hospitals NHS Foundation Trust']);
  });
  it('converts another unit only through the UCUM converter and says from what', () => {
    const t = buildTrend([r(gdL(12.1), '2012-05-01'), r(gL(130), '2026-01-01')], ucum);
    expect(t.points.map((p) => [p.value, p.convertedFrom])).toEqual([[121, '12.1 g/dL'], [130, undefined]]);
  });
  it('without a converter, leaves another unit off the picture and says why', () => {
    const t = buildTrend([r(gdL(12.1), '2012-05-01'), r(gL(130), '2026-01-01')]);
    expect(t.points).toHaveLength(1);
    expect(t.leftOff.map((l) => l.reason)).toEqual(['In g/dL, not g/L: unit conversion is not available']);
  });
  it('leaves off limits, text and undated results', () => {
    const t = buildTrend([r(gL(130), '2026-01-01'), r({ kind: 'quantity', value: 5, unit: 'g/L', ucum: 'g/L', comparator: '<' }, '2025-01-01'), r({ kind: 'text', text: 'Haemolysed' }, '2025-02-01'), r(gL(120), undefined)]);
    expect(t.points.map((p) => p.value)).toEqual([130]);
    expect(t.leftOff.map((l) => l.reason)).toEqual(['No numeric value to draw', 'A limit (<5), not a measured value', 'No date']);
  });
  it('has no band when the range is in another unit', () => {
    expect(buildTrend([r(gL(130), '2026-01-01', SOURCES[0], { low: 11.5, high: 16.5, unit: 'g/dL' })]).band).toBeUndefined();
  });
});
