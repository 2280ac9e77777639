import { useState } from 'react';
import { RecordDate, SourceName } from '../../../components/record-date';
import type { EncounterRecord } from '../../../domain/records';

/** Enough to read at a glance; a long history (thousands of contacts) is shown on request. */
export const FIRST_SHOWN = 100;

/**
 * Contacts from every organisation on one timeline, newest first, each with its date,
 * type and organisation. A contact that another organisation recorded on the same day
 * with the same type is marked, never removed: it may be one contact told twice, or two.
 * Presentational: order and duplicates come from domain/encounter-timeline.ts.
 */
export function EncounterList({ encounters, duplicates }: { encounters: EncounterRecord[]; duplicates: ReadonlySet<string> }) {
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? encounters : encounters.slice(0, FIRST_SHOWN);
  return (
    <>
      <ol className="record-list">
        {shown.map((e) => (
          <li key={e.key} className="record-item record-row">
            <RecordDate value={e.start} />
            <span className="item-title">{e.type}</span>
            {e.reason && <span className="item-detail">{e.reason}</span>}
            {e.serviceProvider && <span className="item-detail">{e.serviceProvider}</span>}
            {e.status !== 'finished' && <span className="item-status">{e.status}</span>}
            {duplicates.has(e.key) && <span className="item-flag">Also recorded by another organisation that day</span>}
            <SourceName name={e.source.organisationName} />
          </li>
        ))}
      </ol>
      {shown.length < encounters.length && (
        <button type="button" onClick={() => setShowAll(true)}>
          {`Show all ${encounters.length} encounters`}
        </button>
      )}
    </>
  );
}
