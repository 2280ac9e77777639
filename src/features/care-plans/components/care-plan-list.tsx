import { NoneRecorded } from '../../../components/record-section';
import type { CarePlanRecord } from '../../../domain/records';
import { CarePlanItem } from './care-plan-item';

export interface CarePlanListProps {
  carePlans: CarePlanRecord[];
  /** Opens a plan's detail; without it, no View buttons. */
  onOpen?: (plan: CarePlanRecord) => void;
}

/**
 * Care plans from every organisation: active ones open, then the rest (completed,
 * revoked, on hold, draft) folded away and counted, never dropped. Order within each part
 * comes from domain/summary.ts (newest start first). Presentational.
 */
export function CarePlanList({ carePlans, onOpen }: CarePlanListProps) {
  const active = carePlans.filter((p) => p.status === 'active');
  const others = carePlans.filter((p) => p.status !== 'active');
  return (
    <>
      {active.length > 0 ? (
        <ul className="record-list care-plans">
          {active.map((p) => (
            <CarePlanItem key={p.key} plan={p} onOpen={onOpen} />
          ))}
        </ul>
      ) : (
        <NoneRecorded what="active care plans" />
      )}
      {others.length > 0 && (
        <details className="nhsuk-details past-items">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">{`Completed and other care plans (${others.length})`}</span>
          </summary>
          <div className="nhsuk-details__text">
            <ul className="record-list care-plans">
              {others.map((p) => (
                <CarePlanItem key={p.key} plan={p} onOpen={onOpen} />
              ))}
            </ul>
          </div>
        </details>
      )}
    </>
  );
}
