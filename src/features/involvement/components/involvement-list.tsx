import { RecordDate } from '../../../components/record-date';
import { ShownMark } from '../../../components/shown-mark';
import { ViewButton } from '../../../components/view-button';
import { codeWords } from '../../../domain/coded-words';
import type { InvolvementRecord } from '../../../domain/records';

export interface InvolvementListProps {
  records: InvolvementRecord[];
  onOpen?: (r: InvolvementRecord) => void;
}

const GROUPS: { title: string; types: InvolvementRecord['resourceType'][] }[] = [
  { title: 'Registered GP', types: ['Patient'] },
  { title: 'Care coordinators, key workers and care teams', types: ['EpisodeOfCare', 'CareTeam'] },
  { title: 'Family, carers and next of kin', types: ['RelatedPerson'] },
];

/**
 * Who is involved in the person's care, as each organisation records it: the registered
 * GP, care coordinators and key workers (EpisodeOfCare), care teams with roles, and
 * family and carers with the contact details the source holds; each with its
 * organisation and the date it was last updated there. Presentational.
 */
export function InvolvementList({ records, onOpen }: InvolvementListProps) {
  return (
    <>
      {GROUPS.map(({ title, types }) => {
        const rows = records.filter((r) => types.includes(r.resourceType));
        const people = mergeSameGp(rows.flatMap((r) => r.people.map((p, i) => ({ r, p, key: `${r.key}#${i}`, alsoBy: [] as string[] }))));
        return (
          <table key={title} className="nhsuk-table nhsuk-table--compact record-table involvement-table">
            <caption className="nhsuk-table__caption nhsuk-table__caption--s">{`${title} (${people.length})`}</caption>
            {people.length === 0 ? (
              <tbody className="nhsuk-table__body">
                <tr className="nhsuk-table__row"><td className="nhsuk-table__cell section-empty" colSpan={5}>None recorded.</td></tr>
              </tbody>
            ) : (
              <>
                <thead className="nhsuk-table__head">
                  <tr className="nhsuk-table__row">
                    <th scope="col" className="nhsuk-table__header">Name</th>
                    <th scope="col" className="nhsuk-table__header">Role</th>
                    <th scope="col" className="nhsuk-table__header">Contact</th>
                    <th scope="col" className="nhsuk-table__header">Recorded by</th>
                    <th scope="col" className="nhsuk-table__header"><span className="nhsuk-u-visually-hidden">Details</span></th>
                  </tr>
                </thead>
                <tbody className="nhsuk-table__body">
                  {people.map(({ r, p, key, alsoBy }) => (
                    <tr key={key} className="nhsuk-table__row">
                      <th scope="row" className="nhsuk-table__cell record-name">{p.name}</th>
                      <td className="nhsuk-table__cell">
                        {p.role}
                        {r.resourceType !== 'Patient' && r.resourceType !== 'RelatedPerson' && <span className="recorded-as">{r.context}</span>}
                        {r.status && r.status !== 'active' && <span className="recorded-as">{codeWords(r.resourceType === 'CareTeam' ? 'care-team-status' : 'episode-status', r.status)}</span>}
                      </td>
                      <td className="nhsuk-table__cell">
                        {p.contact.length ? p.contact.map((c) => <span key={c} className="contact-line">{c}</span>) : <span className="not-recorded">none recorded</span>}
                      </td>
                      <td className="nhsuk-table__cell">
                        <span className="item-source">{p.organisation ?? r.source.organisationName}</span>
                        {alsoBy.length > 0 && <span className="recorded-as">{`also recorded by ${alsoBy.join(', ')}`}</span>}
                        {p.organisation && p.organisation !== r.source.organisationName && <span className="recorded-as">{`recorded by ${r.source.organisationName}`}</span>}
                        <span className="recorded-as">updated <RecordDate value={r.lastUpdated ?? r.start} missing="date not recorded" /></span>
                        <ShownMark record={r} />
                      </td>
                      <td className="nhsuk-table__cell">
                        {onOpen && <ViewButton item={`${p.name} from ${r.source.organisationName}`} onClick={() => onOpen(r)} />}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </>
            )}
          </table>
        );
      })}
    </>
  );
}

type Row = { r: InvolvementRecord; p: InvolvementRecord['people'][number]; key: string; alsoBy: string[] };

/**
 * Every organisation holds the person's registered GP: the same practice named by several
 * is one row saying who else records it (a different GP at one of them stays its own row).
 */
function mergeSameGp(rows: Row[]): Row[] {
  const out: Row[] = [];
  for (const row of rows) {
    const same = row.r.resourceType === 'Patient' ? out.find((o) => o.r.resourceType === 'Patient' && o.p.name === row.p.name && o.p.role === row.p.role) : undefined;
    if (same) same.alsoBy.push(row.r.source.organisationName);
    else out.push(row);
  }
  return out;
}

