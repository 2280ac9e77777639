/**
 * Dates and ages as the NHS Common User Interface (CUI) shows them: `04-Mar-1948`, in the
 * Europe/London time zone, with the age in the CUI's units. Pure; the clock is passed in.
 */

/** A calendar date without a time zone (FHIR `date`), possibly partial. */
export interface CalendarDate {
  year: number;
  month?: number; // 1-12
  day?: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const FHIR_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const LONDON = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in Europe/London at an instant (one formatToParts call: it is the costly part). */
export function londonDate(instant: Date): Required<CalendarDate> {
  const date = { year: NaN, month: NaN, day: NaN };
  for (const p of LONDON.formatToParts(instant)) {
    if (p.type === 'year' || p.type === 'month' || p.type === 'day') date[p.type] = Number(p.value);
  }
  return date;
}

/**
 * Parsed dateTimes by their text: a large record repeats the same instants across
 * encounters, sources and renders, and the London day of each is computed once. Bounded,
 * so a long session does not grow it without end; entries are frozen, being shared.
 */
const PARSED_INSTANTS = new Map<string, Readonly<CalendarDate> | undefined>();
const MAX_PARSED_INSTANTS = 50_000;

function parseInstant(value: string): CalendarDate | undefined {
  if (PARSED_INSTANTS.has(value)) return PARSED_INSTANTS.get(value);
  const t = new Date(value);
  const date = Number.isNaN(t.getTime()) ? undefined : Object.freeze(londonDate(t));
  if (PARSED_INSTANTS.size >= MAX_PARSED_INSTANTS) PARSED_INSTANTS.clear();
  PARSED_INSTANTS.set(value, date);
  return date;
}

/**
 * Reads a FHIR `date` (`1948`, `1948-03`, `1948-03-04`) or `dateTime`; a dateTime with a
 * time is an instant, so it is placed on the Europe/London calendar. Undefined if invalid.
 */
export function parseFhirDate(value: string | undefined): CalendarDate | undefined {
  if (!value) return undefined;
  if (value.includes('T')) return parseInstant(value);
  const m = FHIR_DATE.exec(value);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), m[2] ? Number(m[2]) : undefined, m[3] ? Number(m[3]) : undefined];
  if (month !== undefined && (month < 1 || month > 12)) return undefined;
  if (day !== undefined && month !== undefined && (day < 1 || day > daysInMonth(year, month))) return undefined;
  return { year, month, day };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `04-Mar-1948`; partial dates as `Mar-1948` or `1948`. */
export function formatCuiDate(date: CalendarDate): string {
  const year = String(date.year).padStart(4, '0');
  if (date.month === undefined) return year;
  const month = `${MONTHS[date.month - 1]}-${year}`;
  return date.day === undefined ? month : `${String(date.day).padStart(2, '0')}-${month}`;
}

const dayNumber = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000;

/**
 * Age on a date in the CUI patient banner's units: under 4 weeks `15d`, under 1 year
 * `12w 6d`, under 2 years `14m 3d`, under 18 years `12y 3m`, then `78y`. Undefined when
 * the birth date is partial or after `on` (an age would be a guess or a data error).
 * Someone born on 29 February is a year older on 1 March in other years.
 */
export function formatAge(birth: CalendarDate, on: Required<CalendarDate>): string | undefined {
  const { year, month, day } = birth;
  if (month === undefined || day === undefined) return undefined;
  const days = dayNumber(on.year, on.month, on.day) - dayNumber(year, month, day);
  if (days < 0) return undefined;
  const months = (on.year - year) * 12 + (on.month - month) - (on.day < day ? 1 : 0);
  const years = Math.floor(months / 12);
  if (days < 28) return `${days}d`;
  if (years < 1) return `${Math.floor(days / 7)}w ${days % 7}d`;
  if (years < 2) {
    const anniversaryMonth = month + months; // may exceed 12: Date.UTC rolls it into later years
    const anniversary = new Date(Date.UTC(year, anniversaryMonth - 1, 1));
    const y = anniversary.getUTCFullYear();
    const m = anniversary.getUTCMonth() + 1;
    const sinceAnniversary = dayNumber(on.year, on.month, on.day) - dayNumber(y, m, Math.min(day, daysInMonth(y, m)));
    return `${months}m ${sinceAnniversary}d`;
  }
  if (years < 18) return `${years}y ${months % 12}m`;
  return `${years}y`;
}
