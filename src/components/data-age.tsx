import { useEffect, useState } from 'react';
import { formatCuiDate, londonDate } from '../domain/cui-date';
import type { SourceStatus } from '../domain/source-status';
import { formatCuiTime } from './record-date';

/** When each answered source's data arrived (SourceState.asOf), oldest first. */
function answeredAt(sources: SourceStatus[]): Date[] {
  return sources
    .flatMap((s) => ('asOf' in s.status && s.status.asOf ? [new Date(s.status.asOf)] : []))
    .filter((d) => !Number.isNaN(d.getTime()))
    .sort((a, b) => a.getTime() - b.getTime());
}

const sameDay = (a: Date, b: Date) => formatCuiDate(londonDate(a)) === formatCuiDate(londonDate(b));

/** How often the line is read again: a page left open past midnight gains the date within this. */
export const DATA_AGE_TICK_MS = 60_000;

/**
 * "Data as of 10:42", or "Data as of 10:38 to 10:42" when organisations answered at
 * different times: the record is read at the moment of viewing and never refreshed on its
 * own, so a page left open shows data that ages. The date is added when it is not today,
 * and the line is read again every minute, so a ward screen left open overnight says
 * "Data as of 06-Dec-2026 18:26" the next morning, not "18:26".
 * Nothing until an organisation has answered.
 */
export function DataAge({ sources, now }: { sources: SourceStatus[]; now: () => Date }) {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), DATA_AGE_TICK_MS);
    return () => clearInterval(timer);
  }, []);
  const times = answeredAt(sources);
  const oldest = times[0];
  const newest = times[times.length - 1];
  if (!oldest || !newest) return null;
  const today = now();
  const show = (d: Date) => (sameDay(d, today) ? formatCuiTime(d) : `${formatCuiDate(londonDate(d))} ${formatCuiTime(d)}`);
  const [from, to] = [show(oldest), show(newest)];
  return <p className="data-age">{from === to ? `Data as of ${from}` : `Data as of ${from} to ${to}`}</p>;
}
