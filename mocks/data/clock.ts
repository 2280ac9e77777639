/**
 * Dates in the synthetic world are fixed relative to one reference date, never to the
 * clock, so that "current medication" and "last seen" mean the same thing in every run.
 */

/** The world's "today". */
export const REFERENCE_DATE = '2026-11-01';

const DAY_MS = 86_400_000;
const REFERENCE_MS = Date.UTC(2026, 10, 1);

/** Calendar date `days` before the reference date (negative: after it). */
export function dateBefore(days: number): string {
  return new Date(REFERENCE_MS - days * DAY_MS).toISOString().slice(0, 10);
}

/** Instant `days` before the reference date at a time of day given in minutes (UTC). */
export function instantBefore(days: number, minuteOfDay: number): string {
  return new Date(REFERENCE_MS - days * DAY_MS + minuteOfDay * 60_000).toISOString().replace('.000Z', 'Z');
}

/** The instant `minutes` after an instant produced by instantBefore. */
export function addMinutes(instant: string, minutes: number): string {
  return new Date(Date.parse(instant) + minutes * 60_000).toISOString().replace('.000Z', 'Z');
}

/** Whole days from a calendar date to the reference date. */
export function daysAgo(date: string): number {
  return Math.round((REFERENCE_MS - Date.parse(date.slice(0, 10))) / DAY_MS);
}
