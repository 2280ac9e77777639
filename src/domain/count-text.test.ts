import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { countText } from './count-text';

describe('countText', () => {
  it('writes counts with a comma between thousands, as the page shows them', () => {
    expect([0, 1, 999, 1_000, 6_190, 1_234_567].map(countText)).toEqual(['0', '1', '999', '1,000', '6,190', '1,234,567']);
  });

  it('is toLocaleString with the en-GB locale, for any count', () => {
    fc.assert(
      fc.property(fc.nat(), (n) => {
        expect(countText(n)).toBe(n.toLocaleString('en-GB'));
      }),
    );
  });
});
