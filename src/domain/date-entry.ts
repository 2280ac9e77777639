/**
 * Typed dates for the record's date filters (encounters, results), read the way people in England write them and
 * shown back in the NHS CUI form (`04-Mar-2026`): a browser's own date picker shows its
 * locale's order (mm/dd/yyyy on a US-set machine), which in a clinical record invites a
 * day and month read the wrong way round. Pure.
 */
import { formatCuiDate } from './cui-date';

const FULL = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
/** Month names and their usual short forms: `mar`, `march`; `sep`, `sept`, `september`. */
const MONTH_BY_NAME = new Map<string, number>([...FULL.flatMap((name, i) => [[name, i + 1], [name.slice(0, 3), i + 1]] as const), ['sept', 9]]);

function iso(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1) return undefined;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * `YYYY-MM-DD` for `04-Mar-2026`, `4 March 2026`, `04/03/2026` (day first), `4.3.2026` or
 * `2026-03-04`; undefined for anything else, including impossible dates (31-Feb-2026)
 * and two-digit years (which century is a guess).
 */
export function parseDateEntry(text: string): string | undefined {
  const t = text.trim().toLowerCase();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})$/.exec(t);
  if (m) return iso(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})[- ]?([a-z]{3,9})[- ]?(\d{4})$/.exec(t);
  if (m) {
    const month = MONTH_BY_NAME.get(m[2] ?? '');
    return month ? iso(Number(m[3]), month, Number(m[1])) : undefined;
  }
  return undefined;
}

/** `04-Mar-2026` for `2026-03-04`; '' for ''. */
export function formatDateEntry(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  return m ? formatCuiDate({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }) : '';
}
