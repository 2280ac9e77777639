import { RecordDate } from '../../../components/record-date';
import { encounterDiagnoses, itemsOfEncounter } from '../../../domain/encounter-detail';
import type { CareRecord, EncounterRecord, MedicationRecord } from '../../../domain/records';
import { medicationEntryWords } from '../../../domain/medicine-rules';
import { recordHeading } from '../record-facts';

export interface EncounterContentsProps {
  encounter: EncounterRecord;
  records: readonly CareRecord[];
  onOpen?: (r: CareRecord) => void;
}

const dateOf = (r: CareRecord) => (r.kind === 'medication' ? r.date : r.kind === 'condition' ? (r.recordedDate ?? r.onset) : undefined);

/**
 * What kind of medicine entry it is, so that a medicine reported as taken on admission and
 * the ward's order for it (two entries of one contact) do not read as one item twice.
 */
function medicineEntryKind(r: MedicationRecord): string {
  if (r.requestCategory === 'inpatient' && r.entryKind === 'prescription') return 'inpatient order, given on the ward';
  if (r.resourceType === 'MedicationStatement') return 'reported as taken';
  const words = medicationEntryWords(r);
  return `${words.charAt(0).toLowerCase()}${words.slice(1)}`;
}

/**
 * What happened at one contact beyond its own fields: the diagnoses it names, resolved to
 * the same organisation's conditions, and the items recorded in it (domain/encounter-detail.ts).
 */
export function EncounterContents({ encounter, records, onOpen }: EncounterContentsProps) {
  const diagnoses = encounterDiagnoses(encounter, records);
  const items = itemsOfEncounter(encounter, records);
  return (
    <>
      <h3 className="detail-heading">Diagnoses</h3>
      {diagnoses.length === 0 ? (
        <p className="section-empty">No diagnosis recorded for this contact.</p>
      ) : (
        <ul className="nhsuk-list detail-diagnoses">
          {diagnoses.map((d, i) => (
            <li key={`${d.text}-${i}`}>{[d.text, d.use, d.rank !== undefined ? `rank ${d.rank}` : undefined].filter(Boolean).join(' · ')}</li>
          ))}
        </ul>
      )}
      <h3 className="detail-heading">Recorded in this contact</h3>
      {items.length === 0 ? (
        <p className="section-empty">Nothing else in the record names this contact.</p>
      ) : (
        <ul className="nhsuk-list detail-items">
          {items.map((r) => {
            const h = recordHeading(r);
            return (
              <li key={r.key}>
                {`${h.caption}: ${h.title}${r.kind === 'medication' ? ` (${medicineEntryKind(r)})` : ''}, `}
                <RecordDate value={dateOf(r)} />
                {onOpen && (
                  <button type="button" className="nhsuk-link view-button" aria-label={`Open ${h.title}`} onClick={() => onOpen(r)}>
                    Open
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
