import type { ReactNode } from 'react';
import { RecordPeriod } from '../../../components/record-date';
import { ShownMark } from '../../../components/shown-mark';
import { ViewButton } from '../../../components/view-button';
import type { CarePlanRecord } from '../../../domain/records';

/**
 * One care plan: its title (with its status when not active), then category, period,
 * organisation and care team side by side, then the planned activities. Every fact says
 * "not recorded" rather than vanishing, so a gap is never mistaken for layout.
 */
export function CarePlanItem({ plan: p, onOpen }: { plan: CarePlanRecord; onOpen?: (plan: CarePlanRecord) => void }) {
  return (
    <li className="care-plan">
      <div className="care-plan-heading">
        <h3 className="care-plan-title">
          {p.title}
          {p.status !== 'active' && <strong className="nhsuk-tag nhsuk-tag--grey record-tag">{p.status}</strong>}
        </h3>
        {onOpen && <ViewButton item={`${p.title} from ${p.source.organisationName}`} onClick={() => onOpen(p)} />}
      </div>
      <ShownMark record={p} />
      <dl className="nhsuk-summary-list nhsuk-summary-list--no-border care-plan-facts">
        <Fact label="Category">{p.category}</Fact>
        <Fact label="Period">{(p.start || p.end) && <RecordPeriod start={p.start} end={p.end} />}</Fact>
        <Fact label="Organisation">{p.source.organisationName}</Fact>
        <Fact label="Care team">{p.careTeam.length > 0 ? p.careTeam.join(', ') : undefined}</Fact>
      </dl>
      {p.activities.length > 0 ? (
        <>
          <p className="care-plan-activities-title">{`Activities (${p.activities.length})`}</p>
          <ul className="care-plan-activities">
            {p.activities.map((a, i) => (
              <li key={i}>{a}</li>
            ))}
          </ul>
        </>
      ) : (
        <p className="not-recorded">No activities recorded</p>
      )}
    </li>
  );
}

function Fact({ label, children }: { label: string; children?: ReactNode }) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className="nhsuk-summary-list__value">{children || <span className="not-recorded">not recorded</span>}</dd>
    </div>
  );
}
