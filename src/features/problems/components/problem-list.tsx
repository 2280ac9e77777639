import { NoneRecorded } from '../../../components/record-section';
import { ConflictTag, EntrySources } from '../../../components/entry-sources';
import { RecordDate } from '../../../components/record-date';
import { codeWords } from '../../../domain/coded-words';
import type { ConditionGroup, ConditionSummary } from '../../../domain/group-conditions';
import type { ConditionRecord } from '../../../domain/records';

export interface ProblemListProps {
  summary: ConditionSummary;
  onOpen?: (c: ConditionRecord) => void;
}

const recorded = (c: ConditionRecord) => c.recordedDate ?? c.onset;
const entryWords = (c: ConditionRecord) =>
  [codeWords('condition-clinical', c.clinicalStatus), codeWords('condition-category', c.category)].filter(Boolean).join(', ') || undefined;

/**
 * Problems and diagnoses from every organisation, one line per problem
 * (domain/group-conditions.ts): active problems on a problem list, then active diagnoses
 * recorded at contacts, then resolved or inactive ones folded away; each with onset, last
 * recorded date and every organisation's entry. Ruled-out diagnoses are said, not listed.
 */
export function ProblemList({ summary, onOpen }: ProblemListProps) {
  const { problems, diagnoses, inactive, refuted } = summary;
  return (
    <>
      <ProblemTable caption={`Active problems (${problems.length})`} groups={problems} onOpen={onOpen} empty="active problems on a problem list" />
      <ProblemTable caption={`Diagnoses recorded at contacts (${diagnoses.length})`} groups={diagnoses} onOpen={onOpen} />
      {refuted.length > 0 && (
        <p className="section-note refuted-note">
          {`Not listed: ${refuted.map((r) => `${r.text}, ruled out (refuted) by ${r.source.organisationName}`).join('; ')}.`}
        </p>
      )}
      {inactive.length > 0 && (
        <details className="nhsuk-details past-items">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">{`Resolved or inactive problems (${inactive.length})`}</span>
          </summary>
          <div className="nhsuk-details__text">
            <ProblemTable caption="Resolved or inactive" groups={inactive} onOpen={onOpen} />
          </div>
        </details>
      )}
    </>
  );
}

function ProblemTable({ caption, groups, onOpen, empty }: { caption: string; groups: ConditionGroup[]; onOpen?: (c: ConditionRecord) => void; empty?: string }) {
  if (groups.length === 0) return empty ? <NoneRecorded what={empty} /> : null;
  return (
    <table className="nhsuk-table nhsuk-table--compact record-table problem-table">
      <caption className="nhsuk-table__caption nhsuk-table__caption--s">{caption}</caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          <th scope="col" className="nhsuk-table__header">Problem</th>
          <th scope="col" className="nhsuk-table__header">Onset</th>
          <th scope="col" className="nhsuk-table__header">Last recorded</th>
          <th scope="col" className="nhsuk-table__header">Recorded by</th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {groups.map((g) => (
          <tr key={g.key} className="nhsuk-table__row">
            <th scope="row" className="nhsuk-table__cell record-name">
              {g.name}
              {g.statusDiffers && <ConflictTag>Resolved or inactive at another organisation</ConflictTag>}
            </th>
            <td className="nhsuk-table__cell"><RecordDate value={g.onset} missing="not recorded" /></td>
            <td className="nhsuk-table__cell"><RecordDate value={g.lastRecorded} missing="not recorded" /></td>
            <td className="nhsuk-table__cell">
              <EntrySources item={g.name} entries={g.entries} dateOf={recorded} extra={entryWords} onOpen={onOpen} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
