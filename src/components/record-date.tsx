import { formatCuiDate, parseFhirDate } from '../domain/cui-date';

/**
 * A FHIR date or dateTime in the NHS CUI form (`04-Mar-2026`, Europe/London), or
 * `missing` when the source gave none or one that cannot be read: never a raw string.
 */
export function RecordDate({ value, missing = 'date not recorded' }: { value?: string; missing?: string }) {
  const parsed = parseFhirDate(value);
  if (!parsed || !value) return <span className="record-date record-date-missing">{missing}</span>;
  return (
    <time className="record-date" dateTime={value}>
      {formatCuiDate(parsed)}
    </time>
  );
}

/** `04-Mar-2026 to 12-Apr-2026`, `from 04-Mar-2026`, or nothing when neither is known. */
export function RecordPeriod({ start, end }: { start?: string; end?: string }) {
  if (!parseFhirDate(start) && !parseFhirDate(end)) return null;
  if (!parseFhirDate(end)) {
    return (
      <span className="record-period">
        from <RecordDate value={start} />
      </span>
    );
  }
  return (
    <span className="record-period">
      <RecordDate value={start} missing="start not recorded" /> to <RecordDate value={end} />
    </span>
  );
}

/** The organisation an item came from, on every item (provenance is never dropped). */
export function SourceName({ name }: { name: string }) {
  return <span className="item-source">{name}</span>;
}
