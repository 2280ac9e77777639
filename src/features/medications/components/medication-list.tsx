import { useMemo } from 'react';
import { NoneRecorded } from '../../../components/record-section';
import { splitCurrentPast, type MedicineGroup } from '../../../domain/merge-medications';
import type { MedicationRecord } from '../../../domain/records';
import { MedicationTable } from './medication-table';

export interface MedicationListProps {
  groups: MedicineGroup[];
  /** Opens an entry's detail; without it, no View buttons. */
  onOpen?: (entry: MedicationRecord) => void;
}

/**
 * Medicines across organisations: current ones open, past ones folded away and counted.
 * Each medicine shows every organisation's latest entry with its dose, date and
 * organisation; nothing is merged away, and one recorded as current by two organisations
 * is marked for review (a duplicate prescription or two accounts of one: only a clinician
 * can tell). Proposals and options are apart, never read as taken. Presentational: the
 * groups come from domain/merge-medications.ts.
 */
export function MedicationList({ groups, onOpen }: MedicationListProps) {
  const { current, past, notPrescribed } = useMemo(() => splitCurrentPast(groups), [groups]);
  return (
    <>
      {current.length > 0 ? (
        <MedicationTable caption={`Current medications (${current.length})`} groups={current} onOpen={onOpen} />
      ) : (
        <NoneRecorded what="current medications" />
      )}
      {past.length > 0 && (
        <details className="nhsuk-details past-items">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">{`Past medications (${past.length})`}</span>
          </summary>
          <div className="nhsuk-details__text">
            <MedicationTable caption="Past medications" groups={past} onOpen={onOpen} />
          </div>
        </details>
      )}
      {notPrescribed.length > 0 && (
        <details className="nhsuk-details past-items">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">{`Suggested or considered, not prescribed (${notPrescribed.length})`}</span>
          </summary>
          <div className="nhsuk-details__text">
            <p className="section-note">Proposals and options recorded by an organisation: none of these was prescribed.</p>
            <MedicationTable caption="Suggested or considered, not prescribed" groups={notPrescribed} onOpen={onOpen} />
          </div>
        </details>
      )}
    </>
  );
}
