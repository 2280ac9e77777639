/**
 * NHS number arithmetic: the modulus 11 check digit, validation and the 3-3-4 display
 * form. Pure functions, no I/O.
 *
 * Rule (NHS Data Dictionary, "NHS Number"): multiply each of the first nine digits by a
 * weight from 10 down to 2, add the products, take the remainder on division by 11 and
 * subtract it from 11. A result of 11 becomes 0; a result of 10 means no valid NHS
 * number can be built from those nine digits.
 */

const NINE_DIGITS = /^\d{9}$/;
/** Ten digits, either run together or in the 3-3-4 groups people type and print. */
const NHS_NUMBER_INPUT = /^(?:\d{10}|\d{3} \d{3} \d{4})$/;

/**
 * The check digit for nine leading digits, or null when the digits cannot form a valid
 * NHS number (modulus 11 gives 10) or the input is not exactly nine digits.
 */
export function nhsNumberCheckDigit(first9: string): number | null {
  if (!NINE_DIGITS.test(first9)) return null;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(first9[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

/**
 * True for ten digits (optionally spaced 3-3-4) whose last digit is the modulus 11 check
 * of the first nine. Anything else (other separators, letters, wrong length) is false:
 * a patient identifier is a safety matter, so the parser does not guess.
 */
export function isValidNhsNumber(s: string): boolean {
  if (!NHS_NUMBER_INPUT.test(s)) return false;
  const digits = s.replace(/ /g, '');
  const check = nhsNumberCheckDigit(digits.slice(0, 9));
  return check !== null && check === Number(digits[9]);
}

/**
 * The 3-3-4 display form ("943 476 5919") required by the NHS Common User Interface
 * guidance. Input that is not ten digits (after removing spaces) is returned unchanged,
 * so that a bad value is shown as it was received rather than silently altered.
 */
export function formatNhsNumber(s: string): string {
  const digits = s.replace(/ /g, '');
  if (!/^\d{10}$/.test(digits)) return s;
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}
