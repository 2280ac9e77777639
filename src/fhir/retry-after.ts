/**
 * Seconds to wait from a Retry-After header (RFC 9110 §10.2.3): either a number of
 * seconds or an HTTP date. Undefined when absent or unreadable; a date in the past is 0.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (/^\d+$/.test(v)) return Number(v);
  // An HTTP date always names a weekday and GMT; Date.parse alone would accept "5" or "tomorrow".
  if (!/GMT$/.test(v)) return undefined;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}
