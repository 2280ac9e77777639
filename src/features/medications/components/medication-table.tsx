import { Fragment, useState } from 'react';
import { ConflictTag, EntrySources } from '../../../components/entry-sources';
import { formatRecordDate, RecordDate } from '../../../components/record-date';
import { ShownMark } from '../../../components/shown-mark';
import { ViewButton } from '../../../components/view-button';
import { codeWords } from '../../../domain/coded-words';
import type { MedicineDiscrepancy } from '../../../domain/medicine-rules';
import { medicationEntryWords } from '../../../domain/medicine-rules';
import type { MedicineGroup } from '../../../domain/merge-medications';
import type { MedicationRecord } from '../../../domain/records';

export interface MedicationTableProps {
  caption: string;
  groups: MedicineGroup[];
  onOpen?: (entry: MedicationRecord) => void;
}

const orgs = (xs: { organisationName: string }[]) => xs.map((x) => x.organisationName).join(', ');
/** "A", "A and B", "A, B and C". */
const listed = (xs: string[]) => (xs.length <= 2 ? xs.join(' and ') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1] ?? ''}`);

/** A reconciliation flag in words, beside the medicine (domain/medicine-rules.ts). */
export function discrepancyText(d: MedicineDiscrepancy): string {
  switch (d.kind) {
    case 'different-dose':
      return `Different doses: ${d.doses.map((x) => `${x.source.organisationName}: ${x.dose}`).join('; ')}`;
    case 'stopped-elsewhere':
      return `Stopped at ${orgs(d.stoppedAt)}, active at ${orgs(d.activeAt)}`;
    case 'one-source':
      return `Only recorded by ${d.source.organisationName}`;
    case 'stale-active':
      return `Active at ${orgs(d.entries.map((e) => e.source))} but not issued or dated within the current window`;
    case 'shared-ingredient':
      return `${d.ingredient.charAt(0).toUpperCase()}${d.ingredient.slice(1)} is also in ${listed(d.alsoIn)}: check the combined dose`;
  }
}

/**
 * The rows of one medicine: each organisation's latest entry, and every entry on screen
 * only because the user revealed it or overrode an objection, so that none of those is
 * folded away under "All entries".
 */
function rowsOf(g: MedicineGroup): MedicationRecord[] {
  const latest = new Set(g.latestBySource.map((e) => e.key));
  return [...g.latestBySource, ...g.entries.filter((e) => e.shownUnder && !latest.has(e.key))];
}

const entryExtra = (e: MedicationRecord) => [medicationEntryWords(e), codeWords('medication-status', e.status), e.dose].filter(Boolean).join(' · ');

/**
 * One table, one row group per medicine: the medicine's name heads its group with any
 * reconciliation flags and the date it was last issued, then one row per organisation
 * with that organisation's latest entry: what kind of entry it is (prescription, plan,
 * option, statement), dose (and its own name for the medicine when it differs), date,
 * status in words. Every entry of every organisation stays reachable under "All entries".
 * Row headers are the organisations, so a screen reader hears "Riverside Medical
 * Practice, dose…" in every cell.
 */
export function MedicationTable({ caption, groups, onOpen }: MedicationTableProps) {
  const columns = onOpen ? 5 : 4;
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
            <th scope="rowgroup" colSpan={columns} className="nhsuk-table__header medicine-name">
              {g.name}
              {/* A fact to weigh, not a warning: grey, so the amber Check flags beside it stand out (most long-term medicines are held by the GP and a hospital alike). */}
              {g.likelyDuplicate && <strong className="nhsuk-tag nhsuk-tag--grey record-tag">{`Recorded by ${g.sources.length} organisations`}</strong>}
              {g.discrepancies.map((d) => <ConflictTag key={d.kind === 'shared-ingredient' ? `${d.kind}:${d.ingredient}` : d.kind}>{discrepancyText(d)}</ConflictTag>)}
              {g.lastIssued && <span className="medicine-entries">{`Last issued ${formatRecordDate(g.lastIssued) ?? ''}${g.lastIssuedBy ? ` by ${g.lastIssuedBy}` : ''}`}</span>}
            </th>
          </tr>
          {rowsOf(g).map((e) => (
            <Fragment key={e.key}>
            <tr className="nhsuk-table__row">
              <th scope="row" className="nhsuk-table__cell item-source">{e.source.organisationName}</th>
              <td className="nhsuk-table__cell">
                {e.dose ?? <span className="not-recorded">Dose not recorded</span>}
                {e.name !== g.name && <span className="recorded-as">{`Recorded as ${e.name}`}</span>}
                <span className="recorded-as entry-kind">{medicationEntryWords(e)}</span>
              </td>
              <td className="nhsuk-table__cell"><RecordDate value={e.date} /></td>
              <td className="nhsuk-table__cell">{codeWords('medication-status', e.status)}</td>
              {onOpen && (
                <td className="nhsuk-table__cell">
                  <ViewButton item={`${e.name} from ${e.source.organisationName}`} onClick={() => onOpen(e)} />
                </td>
              )}
            </tr>
            {e.shownUnder && (
              <tr className="nhsuk-table__row governance-mark-row">
                <td className="nhsuk-table__cell" colSpan={columns}><ShownMark record={e} /></td>
              </tr>
            )}
            </Fragment>
          ))}
          {g.entries.length > g.latestBySource.length && (
            <tr className="nhsuk-table__row all-entries-row">
              <td className="nhsuk-table__cell" colSpan={columns}>
                <AllEntries group={g} onOpen={onOpen} />
              </td>
            </tr>
          )}
        </tbody>
      ))}
    </table>
  );
}

/**
 * Every entry of one medicine, rendered only once opened: a record with years of repeat
 * issues keeps its page light, and every entry is still one click away.
 */
function AllEntries({ group: g, onOpen }: { group: MedicineGroup; onOpen?: (entry: MedicationRecord) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="nhsuk-details all-entries" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">{`All ${g.entries.length} entries for ${g.name}`}</span>
      </summary>
      <div className="nhsuk-details__text">
        {open && <EntrySources item={g.name} entries={g.entries} dateOf={(e) => e.date} extra={entryExtra} onOpen={onOpen} />}
      </div>
    </details>
  );
}

