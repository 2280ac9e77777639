import { useId, useMemo, useState } from 'react';
import { formatRecordDate } from '../../../components/record-date';
import type { MedicineGroup } from '../../../domain/merge-medications';
import type { EncounterRecord } from '../../../domain/records';
import { earliestDate, timelineLanes, timelineWindow, type TimelinePeriod } from '../timeline-model';
import { useElementWidth } from '../use-element-width';
import { TimelineChart } from './timeline-chart';
import { TimelineTable } from './timeline-table';
import { countText } from '../../../domain/count-text';

export interface TimelineProps {
  encounters: EncounterRecord[];
  medicines: MedicineGroup[];
  now: () => Date;
}

const PERIODS: { value: TimelinePeriod; label: string }[] = [
  { value: '1y', label: 'Last 12 months' },
  { value: '2y', label: 'Last 2 years' },
  { value: '5y', label: 'Last 5 years' },
  { value: 'all', label: 'Whole record' },
];

const day = (t: number) => formatRecordDate(new Date(t).toISOString()) ?? '';
const plural = (n: number, one: string, many: string) => `${countText(n)} ${n === 1 ? one : many}`;

/**
 * Contacts and medicine courses across organisations as one picture, a lane each, over a
 * period the reader chooses; with a summary in words that the picture points to, a
 * legend, and the same content as a table. Drawn at the width it is given, so its text
 * stays readable from a 1024-pixel EHR frame to a wide screen.
 */
export function Timeline({ encounters, medicines, now }: TimelineProps) {
  const id = useId();
  const [period, setPeriod] = useState<TimelinePeriod>('2y');
  const [boxRef, width] = useElementWidth<HTMLDivElement>(960);
  const w = useMemo(
    () => timelineWindow(period, now(), period === 'all' ? earliestDate(encounters, medicines) : undefined),
    [period, now, encounters, medicines],
  );
  const lanes = useMemo(() => timelineLanes(encounters, medicines, w, now()), [encounters, medicines, w, now]);
  const contacts = lanes.reduce((n, l) => n + l.encounters.length, 0);
  const courses = lanes.reduce((n, l) => n + l.medicines.length, 0);
  const summary =
    `${plural(lanes.length, 'organisation', 'organisations')}: ${plural(contacts, 'contact', 'contacts')} and ` +
    `${plural(courses, 'medicine course', 'medicine courses')} from ${day(w.from)} to ${day(w.to)}. The table below the picture lists them.`;
  return (
    <>
      <div className="nhsuk-form-group timeline-controls">
        <label className="nhsuk-label" htmlFor={`${id}-period`}>Period shown</label>
        <select className="nhsuk-select" id={`${id}-period`} value={period} onChange={(e) => setPeriod(e.target.value as TimelinePeriod)}>
          {PERIODS.map((p) => (
            <option key={p.value} value={p.value}>{p.label}</option>
          ))}
        </select>
      </div>
      <p className="timeline-summary" id={`${id}-summary`}>{summary}</p>
      {lanes.length === 0 ? (
        <p className="section-empty">No contacts or medicines in this period.</p>
      ) : (
        <>
          <div className="timeline-box" ref={boxRef}>
            <TimelineChart lanes={lanes} window={w} width={width} title="Timeline of contacts and medicines by organisation" descriptionId={`${id}-summary`} />
          </div>
          <ul className="timeline-legend" aria-label="Key">
            <li><span className="tl-key tl-key-contact" aria-hidden="true" />Contact</li>
            <li><span className="tl-key tl-key-stay" aria-hidden="true" />Stay longer than a day</li>
            <li><span className="tl-key tl-key-current" aria-hidden="true" />Medicine, current</li>
            <li><span className="tl-key tl-key-past" aria-hidden="true" />Medicine, past</li>
          </ul>
          <details className="nhsuk-details timeline-details">
            <summary className="nhsuk-details__summary">
              <span className="nhsuk-details__summary-text">Show the timeline as a table</span>
            </summary>
            <div className="nhsuk-details__text">
              <TimelineTable lanes={lanes} window={w} />
            </div>
          </details>
        </>
      )}
    </>
  );
}
