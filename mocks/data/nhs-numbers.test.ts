import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isValidNhsNumber, nhsNumberCheckDigit } from '../../src/domain/nhs-number';
import { syntheticNhsNumber, syntheticNhsNumbers } from './nhs-numbers';

describe('synthetic NHS numbers', () => {
  it('starts at 999 000 0018', () => {
    expect(syntheticNhsNumber(1)).toBe('9990000018');
  });

  it('gives a valid 999-range number for every serial whose check digit exists, and null otherwise', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), (serial) => {
        const n = syntheticNhsNumber(serial);
        const first9 = `999${String(serial).padStart(6, '0')}`;
        if (nhsNumberCheckDigit(first9) === null) return n === null;
        return n !== null && n.startsWith(first9) && isValidNhsNumber(n);
      }),
    );
  });

  it('lists distinct valid numbers, skipping serials with no check digit', () => {
    const list = syntheticNhsNumbers(200);
    expect(new Set(list).size).toBe(200);
    expect(list.every(isValidNhsNumber)).toBe(true);
    expect(list).not.toContain(null);
  });
});
