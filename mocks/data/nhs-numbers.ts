/**
 * Synthetic NHS numbers in the 999 range that NHS England keeps for test data, built
 * with the real modulus 11 check digit so that the viewer's validation treats them as
 * genuine.
 */
import { nhsNumberCheckDigit } from '../../src/domain/nhs-number';

/**
 * The NHS number for a serial (1 -> 9990000018), or null when the nine leading digits
 * have no valid check digit (modulus 11 gives 10) and the serial must be skipped.
 */
export function syntheticNhsNumber(serial: number): string | null {
  if (!Number.isInteger(serial) || serial < 0 || serial > 999_999) return null;
  const first9 = `999${String(serial).padStart(6, '0')}`;
  const check = nhsNumberCheckDigit(first9);
  return check === null ? null : `${first9}${check}`;
}

/** The first `count` valid synthetic NHS numbers, in serial order. */
export function syntheticNhsNumbers(count: number): string[] {
  const out: string[] = [];
  for (let serial = 1; out.length < count; serial++) {
    const n = syntheticNhsNumber(serial);
    if (n) out.push(n);
  }
  return out;
}
