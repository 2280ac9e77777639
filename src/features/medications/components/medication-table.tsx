import { RecordDate } from '../../../components/record-date';
import { ViewButton } from '../../../components/view-button';
import type { MedicineGroup } from '../../../domain/merge-medications';
import type { MedicationRecord } from '../../../domain/records';

export interface MedicationTableProps {
  caption: string;
  groups: MedicineGroup[];
  onOpen?: (entry: MedicationRecord) => void;
}

/**
 * One table, one row group per medicine: the medicine's name heads its group, then one
 * row per organisation with that organisation's latest entry: dose (and its own name
 * for the medicine when it differs), date, status. Row headers are the organisations, so a
 * screen reader hears "Riverside Medical Practice, dose…" in every cell.
 */
export function MedicationTable({ caption, groups, onOpen }: MedicationTableProps) {
  return (
    <table className="nhsuk-table nhsuk-table--compact record-table medication-table">
      <caption className="nhsuk-table__caption nhsuk-table__caption--s">{caption}</caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          <th scope="col" className="nhsuk-table__header">Organisation</th>
          <th scope="col" className="nhsuk-table__header">Dose</th>
          <th scope="col" className="nhsuk-table__header">Last recorded</th>
          <th scope="col" className="nhsuk-table__header">Status</th>
          {onOpen && (
            <th scope="col" className="nhsuk-table__header">
              <span className="nhsuk-u-visually-hidden">Details</span>
            </th>
          )}
        </tr>
      </thead>
      {groups.map((g) => (
        <tbody key={g.key} className="nhsuk-table__body medicine-group">
          <tr className="nhsuk-table__row medicine-name-row">
            <th scope="rowgroup" colSpan={onOpen ? 5 : 4} className="nhsuk-table__header medicine-name">
              {g.name}
              {g.likelyDuplicate && <strong className="nhsuk-tag nhsuk-tag--orange record-tag">{`Recorded by ${g.sources.length} organisations`}</strong>}
              {g.entries.length > g.latestBySource.length && <span className="medicine-entries">{`${g.entries.length} entries in all`}</span>}
            </th>
          </tr>
          {g.latestBySource.map((e) => (
            <tr key={e.key} className="nhsuk-table__row">
              <th scope="row" className="nhsuk-table__cell item-source">{e.source.organisationName}</th>
              <td className="nhsuk-table__cell">
                {e.dose ?? <span className="not-recorded">Dose not recorded</span>}
                {e.name !== g.name && <span className="recorded-as">{`Recorded as ${e.name}`}</span>}
              </td>
              <td className="nhsuk-table__cell"><RecordDate value={e.date} /></td>
              <td className="nhsuk-table__cell">{e.status}</td>
              {onOpen && (
                <td className="nhsuk-table__cell">
                  <ViewButton item={`${e.name} from ${e.source.organisationName}`} onClick={() => onOpen(e)} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}
