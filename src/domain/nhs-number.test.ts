import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatNhsNumber, isValidNhsNumber, nhsNumberCheckDigit } from './nhs-number';

/** Valid synthetic NHS numbers: the 999 range reserved for test data, check digit computed. */
const validTestNumber = fc
  .stringMatching(/^\d{6}$/)
  .map((six) => `999${six}`)
  .filter((nine) => nhsNumberCheckDigit(nine) !== null)
  .map((nine) => `${nine}${nhsNumberCheckDigit(nine)}`);

describe('nhsNumberCheckDigit', () => {
  it('matches published examples', () => {
    // 943 476 5919 is the example number in NHS guidance.
    expect(nhsNumberCheckDigit('943476591')).toBe(9);
    // 9+9+9 weighted: 90 + 81 + 72 + 1*2 = 245; 245 mod 11 = 3; 11 - 3 = 8.
    expect(nhsNumberCheckDigit('999000001')).toBe(8);
  });

  it('maps 11 to 0', () => {
    // 000000000 sums to 0 -> 11 - 0 = 11 -> 0.
    expect(nhsNumberCheckDigit('000000000')).toBe(0);
  });

  it('returns null when modulus 11 gives 10', () => {
    // 999000000: 90 + 81 + 72 = 243; 243 mod 11 = 1; 11 - 1 = 10 -> no valid number.
    expect(nhsNumberCheckDigit('999000000')).toBeNull();
    // 999000014: 243 + 1*3 + 4*2 = 254; 254 mod 11 = 1 -> 10 again.
    expect(nhsNumberCheckDigit('999000014')).toBeNull();
  });

  it('rejects input that is not nine digits', () => {
    for (const bad of ['', '12345678', '1234567890', '99900000a', ' 99900000']) {
      expect(nhsNumberCheckDigit(bad)).toBeNull();
    }
  });
});

describe('isValidNhsNumber', () => {
  it('accepts the example number run together and in 3-3-4 form', () => {
    expect(isValidNhsNumber('9434765919')).toBe(true);
    expect(isValidNhsNumber('943 476 5919')).toBe(true);
  });

  it('rejects other shapes', () => {
    for (const bad of ['943-476-5919', '94347659 19', '943476591', '94347659190', 'abcdefghij', '']) {
      expect(isValidNhsNumber(bad)).toBe(false);
    }
  });

  it('accepts every generated 999-range number', () => {
    fc.assert(fc.property(validTestNumber, (n) => isValidNhsNumber(n) && isValidNhsNumber(formatNhsNumber(n))));
  });

  it('rejects a valid number with any single digit changed', () => {
    fc.assert(
      fc.property(validTestNumber, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), (n, pos, delta) => {
        const changed = n.slice(0, pos) + String((Number(n[pos]) + delta) % 10) + n.slice(pos + 1);
        expect(changed).not.toBe(n);
        return !isValidNhsNumber(changed);
      }),
    );
  });
});

describe('formatNhsNumber', () => {
  it('groups 3-3-4', () => {
    expect(formatNhsNumber('9434765919')).toBe('943 476 5919');
  });

  it('round-trips: format then strip spaces gives the digits back; formatting is idempotent', () => {
    fc.assert(
      fc.property(validTestNumber, (n) => {
        const shown = formatNhsNumber(n);
        return /^\d{3} \d{3} \d{4}$/.test(shown) && shown.replace(/ /g, '') === n && formatNhsNumber(shown) === shown;
      }),
    );
  });

  it('leaves values that are not ten digits as received', () => {
    expect(formatNhsNumber('12345')).toBe('12345');
    expect(formatNhsNumber('943-476-5919')).toBe('943-476-5919');
  });
});
