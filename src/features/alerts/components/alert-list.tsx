import { RecordDate } from '../../../components/record-date';
import { ViewButton } from '../../../components/view-button';
import type { AlertRecord } from '../../../domain/records';
import { AllergyTable } from './allergy-table';
import { AlertCategoryTag } from './alert-tag';

export interface AlertListProps {
  alerts: AlertRecord[];
  /** Opens an item's detail; without it, no View buttons. */
  onOpen?: (alert: AlertRecord) => void;
}

/**
 * Warnings first, in a warning callout: the flags in force (safeguarding, falls risk,
 * DNACPR, reasonable adjustments). Then allergies and intolerances in force, with their
 * reactions, severity and criticality. What is no longer in force (inactive, resolved,
 * refuted) is folded away, counted, never dropped. Order within each part comes from
 * domain/summary.ts. Presentational; server text is rendered as text.
 */
export function AlertList({ alerts, onOpen }: AlertListProps) {
  const flags = alerts.filter((a) => a.resourceType === 'Flag' && a.status === 'active');
  const allergies = alerts.filter((a) => a.resourceType === 'AllergyIntolerance' && a.status === 'active');
  const notInForce = alerts.filter((a) => a.status !== 'active');
  return (
    <>
      {flags.length > 0 ? (
        <div className="nhsuk-warning-callout alert-callout">
          <h3 className="nhsuk-warning-callout__label">
            <span className="nhsuk-u-visually-hidden">Important: </span>
            {`Active alerts (${flags.length})`}
          </h3>
          <ul className="record-list">
            {flags.map((a) => (
              <li key={a.key} className="alert-item">
                <AlertCategoryTag alert={a} />
                <span className="alert-text">{a.text}</span>
                <span className="item-meta">
                  <RecordDate value={a.start} />
                  <span className="item-source">{a.source.organisationName}</span>
                  {onOpen && <ViewButton item={`${a.text} from ${a.source.organisationName}`} onClick={() => onOpen(a)} />}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="section-empty">No active alerts recorded.</p>
      )}
      <AllergyTable caption="Allergies and intolerances" allergies={allergies} onOpen={onOpen} empty="No active allergies or intolerances recorded." />
      {notInForce.length > 0 && (
        <details className="nhsuk-details past-items">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">{`Alerts and allergies no longer in force (${notInForce.length})`}</span>
          </summary>
          <div className="nhsuk-details__text">
            <AllergyTable caption="No longer in force" allergies={notInForce} onOpen={onOpen} withStatus />
          </div>
        </details>
      )}
    </>
  );
}
