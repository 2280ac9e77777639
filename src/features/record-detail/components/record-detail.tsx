import { Dialog } from '../../../components/dialog';
import { ErrorBoundary } from '../../../components/error-boundary';
import { Narrative } from '../../../components/narrative';
import { shownMarkParts } from '../../../components/shown-mark';
import type { CareRecord } from '../../../domain/records';
import { EncounterContents } from './encounter-contents';
import { recordFacts, recordHeading } from '../record-facts';
import { RecordProvenance } from './record-provenance';
import { ResourceFieldTable } from './resource-field-table';

export interface RecordDetailProps {
  record: CareRecord;
  /** The FHIR base URL of the record's endpoint (runtime configuration). */
  endpointUrl?: string;
  onClose: () => void;
  /** Every record shown, for an encounter's diagnoses and the items recorded in it. */
  records?: readonly CareRecord[];
  now?: () => Date;
  /** Opens another record (an item recorded in this encounter). */
  onOpen?: (r: CareRecord) => void;
}

/**
 * One item in full, in a modal dialog: what the viewer read from it, where it came from
 * (provenance), the organisation's own narrative (sanitised, through the one component
 * allowed to render HTML) and every field of the source resource as text. Read-only:
 * the only control closes it.
 */
export function RecordDetail({ record, endpointUrl, onClose, records = [], now, onOpen }: RecordDetailProps) {
  const { caption, title } = recordHeading(record);
  const text = (record.original as { text?: { div?: unknown } }).text;
  const narrative = typeof text?.div === 'string' && text.div.trim() ? text.div : undefined;
  const mark = shownMarkParts(record);
  return (
    <Dialog title={title} caption={caption} onClose={onClose}>
      {mark && (
        <p className={`governance-mark governance-mark-${record.shownUnder}`}>
          <strong>{mark.what}</strong>
          {mark.rest}
        </p>
      )}
      <h3 className="detail-heading">As shown in the summary</h3>
      <dl className="nhsuk-summary-list detail-list">
        {recordFacts(record, now?.()).map((f) => (
          <div key={f.label} className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">{f.label}</dt>
            <dd className="nhsuk-summary-list__value detail-value">{f.value}</dd>
          </div>
        ))}
      </dl>
      {record.kind === 'encounter' && <EncounterContents encounter={record} records={records} onOpen={onOpen} />}
      <h3 className="detail-heading">Where this came from</h3>
      <RecordProvenance record={record} endpointUrl={endpointUrl} />
      <h3 className="detail-heading">The organisation’s narrative</h3>
      {narrative ? (
        <>
          <p className="section-note">As the organisation wrote it, with anything that could run or load content removed.</p>
          <ErrorBoundary fallback={<p className="section-note">The organisation’s narrative could not be shown.</p>}>
            <Narrative xhtml={narrative} />
          </ErrorBoundary>
        </>
      ) : (
        <p className="section-empty">This record has no narrative.</p>
      )}
      <ErrorBoundary fallback={<p className="section-note">The fields of this record could not be shown. The rest of the record is unaffected.</p>}>
        <ResourceFieldTable resource={record.original} />
      </ErrorBoundary>
    </Dialog>
  );
}
