import { RecordPeriod, SourceName } from '../../../components/record-date';
import type { CarePlanRecord } from '../../../domain/records';

/**
 * Care plans from every organisation, active first (the order comes from
 * domain/summary.ts): title, status, category, period, the planned activities and the
 * organisation that holds the plan. Presentational.
 */
export function CarePlanList({ carePlans }: { carePlans: CarePlanRecord[] }) {
  return (
    <ul className="record-list">
      {carePlans.map((p) => (
        <li key={p.key} className="record-item">
          <p className="item-title">
            {p.title}
            {p.status !== 'active' && <span className="item-status">{p.status}</span>}
          </p>
          <p className="item-line">
            {p.category && <span className="item-detail">{p.category}</span>}
            <RecordPeriod start={p.start} end={p.end} />
            <SourceName name={p.source.organisationName} />
          </p>
          {p.activities.length > 0 && (
            <ul className="item-entries">
              {p.activities.map((a, i) => (
                <li key={i}>{a}</li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
