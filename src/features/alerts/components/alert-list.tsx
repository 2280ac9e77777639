import { RecordDate, SourceName } from '../../../components/record-date';
import type { AlertRecord } from '../../../domain/records';

/**
 * Alerts (flags) and allergies from every organisation, active first (the order comes
 * from domain/summary.ts). An allergy shows its reactions, severity and criticality; an
 * alert that is no longer active says so rather than disappearing. Presentational.
 */
export function AlertList({ alerts }: { alerts: AlertRecord[] }) {
  return (
    <ul className="record-list">
      {alerts.map((a) => (
        <li key={a.key} className={`record-item${a.status === 'active' ? '' : ' record-inactive'}`}>
          <p className="item-title">
            {a.text}
            {a.status !== 'active' && <span className="item-status">{a.status}</span>}
          </p>
          <p className="item-line">
            <span className="item-detail">{a.resourceType === 'AllergyIntolerance' ? capitalise(a.category) : a.category}</span>
            {a.reactions && a.reactions.length > 0 && <span className="item-detail">{`Reaction: ${a.reactions.join(', ')}`}</span>}
            {a.severity && <span className="item-detail">{`Severity: ${a.severity}`}</span>}
            {a.criticality && <span className="item-detail">{`Criticality: ${a.criticality}`}</span>}
            <RecordDate value={a.start} />
            <SourceName name={a.source.organisationName} />
          </p>
        </li>
      ))}
    </ul>
  );
}

const capitalise = (s: string) => (s ? s[0]?.toUpperCase() + s.slice(1) : s);
