import { useMemo } from 'react';
import { RecordDate, SourceName } from '../../../components/record-date';
import { splitCurrentPast, type MedicineGroup } from '../../../domain/merge-medications';
import type { MedicationRecord } from '../../../domain/records';

/**
 * Medicines across organisations: current ones open, past ones folded away. Each medicine
 * shows every organisation's latest entry with its dose, date and organisation; nothing is
 * merged away, and one recorded as current by two organisations is marked for review
 * (a duplicate prescription or two accounts of one: only a clinician can tell).
 * Presentational: the groups come from domain/merge-medications.ts.
 */
export function MedicationList({ groups }: { groups: MedicineGroup[] }) {
  const { current, past } = useMemo(() => splitCurrentPast(groups), [groups]);
  return (
    <>
      {current.length > 0 ? (
        <ul className="record-list">
          {current.map((g) => (
            <MedicineItem key={g.key} group={g} />
          ))}
        </ul>
      ) : (
        <p className="section-empty">No current medications recorded.</p>
      )}
      {past.length > 0 && (
        <details className="past-items">
          <summary>{`Past medications (${past.length})`}</summary>
          <ul className="record-list">
            {past.map((g) => (
              <MedicineItem key={g.key} group={g} />
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

function MedicineItem({ group }: { group: MedicineGroup }) {
  return (
    <li className="record-item">
      <p className="item-title">
        {group.name}
        {group.likelyDuplicate && <span className="item-flag">{`Recorded by ${group.sources.length} organisations`}</span>}
      </p>
      <ul className="item-entries">
        {group.latestBySource.map((entry) => (
          <MedicineEntry key={entry.key} entry={entry} groupName={group.name} />
        ))}
      </ul>
    </li>
  );
}

/** One organisation's latest entry: its own name for the medicine when it differs, dose, date, status when not current. */
function MedicineEntry({ entry, groupName }: { entry: MedicationRecord; groupName: string }) {
  return (
    <li className="item-entry">
      {entry.name !== groupName && <span className="item-detail">{entry.name}</span>}
      <span className="item-detail">{entry.dose ?? 'Dose not recorded'}</span>
      <RecordDate value={entry.date} />
      {entry.statusGroup !== 'current' && <span className="item-status">{entry.status}</span>}
      <SourceName name={entry.source.organisationName} />
    </li>
  );
}
