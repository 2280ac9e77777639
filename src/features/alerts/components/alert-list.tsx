import { NoneRecorded } from '../../../components/record-section';
import { ShownMark } from '../../../components/shown-mark';
import { ConflictTag, EntrySources } from '../../../components/entry-sources';
import { RecordDate } from '../../../components/record-date';
import { codeWords } from '../../../domain/coded-words';
import type { AlertConflict, AlertGroup, AlertSummary } from '../../../domain/group-alerts';
import type { AlertRecord } from '../../../domain/records';
import { AlertCategoryTag, allergyType } from './alert-tag';

export interface AlertListProps {
  summary: AlertSummary;
  /** Opens an entry's detail; without it, no View buttons. */
  onOpen?: (alert: AlertRecord) => void;
}

const orgs = (xs: { organisationName: string }[]) => xs.map((x) => x.organisationName).join(', ');

/** A conflict in words, beside the line it concerns. */
export function conflictText(c: AlertConflict): string {
  switch (c.kind) {
    case 'no-known-allergy-elsewhere':
      return `${orgs(c.statements.map((s) => s.source))} record${c.statements.length === 1 ? 's' : ''} no known allergy`;
    case 'refuted-elsewhere':
      return `Ruled out by ${orgs(c.refuted.map((r) => r.source))}`;
    case 'ended-elsewhere':
      return `No longer active at ${orgs(c.endedAt)}`;
  }
}

const dateOf = (a: AlertRecord) => a.start;
const statusOf = (a: AlertRecord) => (a.status === 'active' ? undefined : codeWords(a.resourceType === 'Flag' ? 'flag-status' : 'allergy-clinical', a.status));

/**
 * One line per alert and per allergy across organisations (domain/group-alerts.ts), each
 * listing every organisation's entry with its own View button. Warnings in force first, in
 * a warning callout; then allergies with the most severe criticality and severity any
 * organisation records; "no known allergy" statements as statements, flagged where another
 * organisation records an allergy; refuted entries said, not listed; lines no longer in
 * force folded away. Resuscitation decisions are shown above all sections
 * (AdvanceDecisions). Presentational; server text is rendered as text.
 */
export function AlertList({ summary, onOpen }: AlertListProps) {
  const { flags, allergies, noKnownAllergies, notInForce, refuted, advanceDecisions } = summary;
  return (
    <>
      {advanceDecisions.length > 0 && (
        <p className="section-note">{`Resuscitation and end-of-life decisions (${advanceDecisions.length}) are shown at the top of the record.`}</p>
      )}
      {flags.length > 0 ? (
        <div className="nhsuk-warning-callout alert-callout">
          <h3 className="nhsuk-warning-callout__label">
            <span className="nhsuk-u-visually-hidden">Important: </span>
            {`Active alerts (${flags.length})`}
          </h3>
          <AlertLines groups={flags} onOpen={onOpen} />
        </div>
      ) : (
        <NoneRecorded what="active alerts" />
      )}
      <AllergyLines caption={`Allergies and intolerances (${allergies.length})`} groups={allergies} onOpen={onOpen} empty="active allergies or intolerances" />
      {noKnownAllergies.length > 0 && (
        <ul className="record-list nka-list" aria-label="No known allergy statements">
          {noKnownAllergies.map(({ record, contradicts }) => (
            <li key={record.key} className="nka-statement">
              <span className="item-source">{record.source.organisationName}</span>
              {` records “${record.text}”`}
              {record.status !== 'active' ? ` (${statusOf(record) ?? ''})` : ''}, <RecordDate value={record.start} />
              {contradicts.length > 0 && <ConflictTag>{`Conflicts with ${contradicts.join(', ')} recorded elsewhere`}</ConflictTag>}
              <ShownMark record={record} />
            </li>
          ))}
        </ul>
      )}
      {refuted.length > 0 && (
        <p className="section-note refuted-note">
          {`Not listed: ${refuted.map((r) => `${r.text}, ruled out (refuted) by ${r.source.organisationName}`).join('; ')}.`}
        </p>
      )}
      {notInForce.length > 0 && (
        <details className="nhsuk-details past-items">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">{`Alerts and allergies no longer in force (${notInForce.length})`}</span>
          </summary>
          <div className="nhsuk-details__text">
            <AllergyLines caption="No longer in force" groups={notInForce} onOpen={onOpen} />
          </div>
        </details>
      )}
    </>
  );
}

/** Flag lines (used for active alerts and for resuscitation decisions). */
export function AlertLines({ groups, onOpen }: { groups: AlertGroup[]; onOpen?: (a: AlertRecord) => void }) {
  return (
    <ul className="record-list">
      {groups.map((g) => (
        <li key={g.key} className="alert-item alert-line">
          <AlertCategoryTag alert={g.entries[0] as AlertRecord} />
          <span className="alert-text">{g.name}</span>
          {g.conflicts.map((c) => <ConflictTag key={c.kind}>{conflictText(c)}</ConflictTag>)}
          <EntrySources item={g.name} entries={g.entries} dateOf={dateOf} extra={statusOf} onOpen={onOpen} />
        </li>
      ))}
    </ul>
  );
}

const notRecorded = <span className="not-recorded">not recorded</span>;

function AllergyLines({ caption, groups, onOpen, empty }: { caption: string; groups: AlertGroup[]; onOpen?: (a: AlertRecord) => void; empty?: string }) {
  if (groups.length === 0) return empty ? <NoneRecorded what={empty} /> : null;
  return (
    <table className="nhsuk-table nhsuk-table--compact record-table allergy-lines">
      <caption className="nhsuk-table__caption nhsuk-table__caption--s">{caption}</caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          <th scope="col" className="nhsuk-table__header">Substance or alert</th>
          <th scope="col" className="nhsuk-table__header">Type</th>
          <th scope="col" className="nhsuk-table__header">Reaction</th>
          <th scope="col" className="nhsuk-table__header">Severity</th>
          <th scope="col" className="nhsuk-table__header">Criticality</th>
          <th scope="col" className="nhsuk-table__header">Recorded by</th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {groups.map((g) => {
          const first = g.entries[0] as AlertRecord;
          return (
            <tr key={g.key} className="nhsuk-table__row">
              <th scope="row" className="nhsuk-table__cell record-name">
                {g.name}
                {g.conflicts.map((c) => <ConflictTag key={c.kind}>{conflictText(c)}</ConflictTag>)}
              </th>
              <td className="nhsuk-table__cell">{g.kind === 'allergy' ? allergyType(first) : <AlertCategoryTag alert={first} />}</td>
              <td className="nhsuk-table__cell">{g.kind === 'flag' ? '' : g.reactions.length ? g.reactions.join(', ') : notRecorded}</td>
              <td className="nhsuk-table__cell">{g.kind === 'flag' ? '' : (codeWords('reaction-severity', g.severity) ?? notRecorded)}</td>
              <td className="nhsuk-table__cell">
                {g.kind === 'flag' ? '' : g.criticality === 'high' ? <strong className="nhsuk-tag nhsuk-tag--red record-tag">{codeWords('allergy-criticality', 'high')}</strong> : (codeWords('allergy-criticality', g.criticality) ?? notRecorded)}
              </td>
              <td className="nhsuk-table__cell">
                <EntrySources item={g.name} entries={g.entries} dateOf={dateOf} extra={statusOf} onOpen={onOpen} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * Resuscitation and end-of-life decisions (ReSPECT, DNACPR), above every section so that
 * they are never below the fold, whatever the role's order.
 */
export function AdvanceDecisions({ groups, onOpen }: { groups: AlertGroup[]; onOpen?: (a: AlertRecord) => void }) {
  if (groups.length === 0) return null;
  return (
    <section className="nhsuk-warning-callout advance-decisions" aria-labelledby="advance-decisions-heading">
      <h2 className="nhsuk-warning-callout__label" id="advance-decisions-heading">
        <span className="nhsuk-u-visually-hidden">Important: </span>
        Resuscitation and end-of-life decisions
      </h2>
      <AlertLines groups={groups} onOpen={onOpen} />
    </section>
  );
}
