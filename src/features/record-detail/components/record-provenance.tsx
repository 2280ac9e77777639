import { formatCuiDateTime } from '../../../components/record-date';
import type { CareRecord } from '../../../domain/records';

export interface RecordProvenanceProps {
  record: CareRecord;
  /** The FHIR base URL the record was read from, from the runtime configuration. */
  endpointUrl?: string;
}

/**
 * Where a record came from, so that a reader can check it with its owner: organisation,
 * ODS code, the FHIR endpoint it was read from, when the source last changed it, and its
 * resource type and id there. All as text: the URL is not a link (it needs a token).
 */
export function RecordProvenance({ record, endpointUrl }: RecordProvenanceProps) {
  const { original, source } = record;
  const lastUpdated = record.lastUpdated ?? original.meta?.lastUpdated;
  const rows: [string, string][] = [
    ['Organisation', source.organisationName],
    ['ODS code', source.odsCode],
    ['Endpoint', endpointUrl ?? 'not known'],
    ['Last updated', formatCuiDateTime(lastUpdated) ?? 'not recorded'],
    ['Resource', `${original.resourceType}/${original.id ?? '(no id)'}`],
  ];
  if (original.meta?.versionId) rows.push(['Version', original.meta.versionId]);
  return (
    <dl className="nhsuk-summary-list detail-list">
      {rows.map(([label, value]) => (
        <div key={label} className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">{label}</dt>
          <dd className="nhsuk-summary-list__value detail-value">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
