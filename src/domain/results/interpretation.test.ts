import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { QuantityValue } from '../records';
import { OBSERVATION_INTERPRETATION, interpret, isCritical, laboratoryInterpretation, rangeInterpretation } from './interpretation';

const code = (c: string, system: string | undefined = OBSERVATION_INTERPRETATION) => [{ coding: [{ ...(system ? { system } : {}), code: c }] }];
const q = (value: number, unit = 'mmol/L', comparator?: string): QuantityValue => ({ kind: 'quantity', value, unit, ...(comparator ? { comparator } : {}) });

describe('laboratoryInterpretation (v3-ObservationInterpretation)', () => {
  it.each([
    ['HH', 'critical-high', 'Critical high'],
    ['LL', 'critical-low', 'Critical low'],
    ['AA', 'critical', 'Critical'],
    ['H', 'high', 'High'],
    ['L', 'low', 'Low'],
    ['A', 'abnormal', 'Abnormal'],
    ['N', 'normal', 'Normal'],
  ])('%s is %s, said in words', (c, level, text) => {
    expect(laboratoryInterpretation(code(c))).toEqual({ level, text, source: 'laboratory' });
  });
  it('takes the gravest of several codes', () => {
    expect(laboratoryInterpretation([...code('H'), ...code('HH')])?.level).toBe('critical-high');
  });
  it('ignores codes from other systems and codes it does not know', () => {
    expect(laboratoryInterpretation(code('HH', 'http://example.org/local'))).toBeUndefined();
    expect(laboratoryInterpretation(code('ZZ'))).toBeUndefined();
    expect(laboratoryInterpretation(undefined)).toBeUndefined();
  });
});

describe('rangeInterpretation', () => {
  const range = { low: 3.5, high: 5.3, unit: 'mmol/L' };
  it('says above, below or within the range', () => {
    expect(rangeInterpretation(q(6.1), range)?.text).toBe('Above the reference range');
    expect(rangeInterpretation(q(3.1), range)?.text).toBe('Below the reference range');
    expect(rangeInterpretation(q(5.3), range)?.text).toBe('Within the reference range');
  });
  it('never calls a result critical: only the laboratory can', () => {
    expect(rangeInterpretation(q(9.9), range)?.level).toBe('high');
  });
  it('does not compare across units', () => {
    expect(rangeInterpretation(q(120, 'g/L'), { low: 11.5, high: 16.5, unit: 'g/dL' })).toBeUndefined();
  });
  it('compares a limit only when the answer is certain', () => {
    expect(rangeInterpretation(q(3, 'mmol/L', '<'), range)?.level).toBe('low');
    expect(rangeInterpretation(q(6, 'mmol/L', '<'), range)).toBeUndefined();
    expect(rangeInterpretation(q(4, 'mmol/L', '<'), range)).toBeUndefined();
  });
  it('prefers the laboratory’s word to the range', () => {
    expect(interpret(code('N'), q(6.1), range)?.level).toBe('normal');
    expect(interpret(undefined, q(6.1), range)?.source).toBe('reference-range');
  });
  it('property: a value strictly inside a range is never flagged, strictly outside always is', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 0.001, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (low, width, t) => {
        const high = low + width;
        const inside = low + width * t;
        const level = (v: number) => rangeInterpretation(q(v), { low, high, unit: 'mmol/L' })?.level;
        return level(inside) === 'normal' && level(high + width + 1) === 'high' && level(low - width - 1) === 'low' && !isCritical(level(high * 10 + 1e7));
      }),
    );
  });
});
