import { formatRecordDate } from '../../../components/record-date';
import type { TimelineLane, TimelineWindow } from '../timeline-model';

const day = (t: number) => formatRecordDate(new Date(t).toISOString()) ?? '';

/**
 * The picture in words, for anyone who cannot see it or wants the exact dates: per
 * organisation, how many contacts in the period, the latest, and each medicine course.
 */
export function TimelineTable({ lanes, window: w }: { lanes: TimelineLane[]; window: TimelineWindow }) {
  return (
    <table className="nhsuk-table nhsuk-table--compact record-table timeline-table">
      <caption className="nhsuk-table__caption nhsuk-table__caption--s">{`From ${day(w.from)} to ${day(w.to)}, by organisation`}</caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          <th scope="col" className="nhsuk-table__header">Organisation</th>
          <th scope="col" className="nhsuk-table__header">Contacts</th>
          <th scope="col" className="nhsuk-table__header">Latest contact</th>
          <th scope="col" className="nhsuk-table__header">Medicine courses</th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {lanes.map((l) => (
          <tr key={l.endpointId} className="nhsuk-table__row">
            <th scope="row" className="nhsuk-table__cell">{l.organisationName}</th>
            <td className="nhsuk-table__cell">{l.encounters.length}</td>
            <td className="nhsuk-table__cell">{formatRecordDate(l.latestEncounter) ?? 'none in this period'}</td>
            <td className="nhsuk-table__cell">
              {l.medicines.length === 0 ? (
                'none in this period'
              ) : (
                <ul className="timeline-courses">
                  {l.medicines.map((m) => (
                    <li key={m.key}>{`${m.name}: ${day(m.from)} to ${m.current ? 'now (current)' : day(m.to)}`}</li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
