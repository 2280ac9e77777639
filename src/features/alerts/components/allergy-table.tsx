import { RecordDate } from '../../../components/record-date';
import { ViewButton } from '../../../components/view-button';
import type { AlertRecord } from '../../../domain/records';
import { AlertCategoryTag, allergyType } from './alert-tag';

export interface AllergyTableProps {
  caption: string;
  allergies: AlertRecord[];
  onOpen?: (alert: AlertRecord) => void;
  /** Said instead of the table when there is nothing to list. */
  empty?: string;
  /** Adds a status column (for items no longer in force, which may also be flags). */
  withStatus?: boolean;
}

/**
 * Allergies and intolerances as a compact table: substance, type, reactions, severity
 * (the worst reaction's), criticality, date and organisation. High criticality is tagged
 * red, since it is the one column that says "this could kill". Also used for alerts no
 * longer in force, where a flag shows its category instead of an allergy type.
 */
export function AllergyTable({ caption, allergies, onOpen, empty, withStatus = false }: AllergyTableProps) {
  if (allergies.length === 0) return empty ? <p className="section-empty">{empty}</p> : null;
  return (
    <table className="nhsuk-table nhsuk-table--compact record-table">
      <caption className="nhsuk-table__caption nhsuk-table__caption--s">{caption}</caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          <th scope="col" className="nhsuk-table__header">Substance or alert</th>
          <th scope="col" className="nhsuk-table__header">Type</th>
          {withStatus && <th scope="col" className="nhsuk-table__header">Status</th>}
          <th scope="col" className="nhsuk-table__header">Reaction</th>
          <th scope="col" className="nhsuk-table__header">Severity</th>
          <th scope="col" className="nhsuk-table__header">Criticality</th>
          <th scope="col" className="nhsuk-table__header">Recorded</th>
          <th scope="col" className="nhsuk-table__header">Organisation</th>
          {onOpen && (
            <th scope="col" className="nhsuk-table__header">
              <span className="nhsuk-u-visually-hidden">Details</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {allergies.map((a) => (
          <tr key={a.key} className="nhsuk-table__row">
            <th scope="row" className="nhsuk-table__cell record-name">{a.text}</th>
            <td className="nhsuk-table__cell">{a.resourceType === 'AllergyIntolerance' ? allergyType(a) : <AlertCategoryTag alert={a} />}</td>
            {withStatus && <td className="nhsuk-table__cell">{a.status}</td>}
            <AllergyCells alert={a} />
            <td className="nhsuk-table__cell"><RecordDate value={a.start} /></td>
            <td className="nhsuk-table__cell item-source">{a.source.organisationName}</td>
            {onOpen && (
              <td className="nhsuk-table__cell">
                <ViewButton item={`${a.text} from ${a.source.organisationName}`} onClick={() => onOpen(a)} />
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const notRecorded = <span className="not-recorded">not recorded</span>;

/** Reaction, severity and criticality: an allergy's own; a flag has none (cells left empty, not "not recorded"). */
function AllergyCells({ alert: a }: { alert: AlertRecord }) {
  if (a.resourceType !== 'AllergyIntolerance') {
    return (
      <>
        <td className="nhsuk-table__cell" />
        <td className="nhsuk-table__cell" />
        <td className="nhsuk-table__cell" />
      </>
    );
  }
  return (
    <>
      <td className="nhsuk-table__cell">{a.reactions?.length ? a.reactions.join(', ') : notRecorded}</td>
      <td className="nhsuk-table__cell">{a.severity ?? notRecorded}</td>
      <td className="nhsuk-table__cell">
        {a.criticality === 'high' ? <strong className="nhsuk-tag nhsuk-tag--red record-tag">high</strong> : (a.criticality ?? notRecorded)}
      </td>
    </>
  );
}
