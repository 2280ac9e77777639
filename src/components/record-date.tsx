import { formatCuiDate, londonDate, parseFhirDate } from '../domain/cui-date';

const LONDON_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** `10:42`: the 24-hour clock time in Europe/London (NHS CUI time display). */
export function formatCuiTime(instant: Date): string {
  return LONDON_TIME.format(instant);
}

/**
 * `21-Nov-2026 10:42` for an instant (FHIR instant or dateTime with a time), in
 * Europe/London; a date without a time as the date alone; undefined when unreadable.
 */
export function formatCuiDateTime(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (!value.includes('T')) {
    const date = parseFhirDate(value);
    return date ? formatCuiDate(date) : undefined;
  }
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return undefined;
  return `${formatCuiDate(londonDate(instant))} ${formatCuiTime(instant)}`;
}

/** `04-Mar-2026` for a FHIR date or dateTime, as plain text (for labels); undefined when unreadable. */
export function formatRecordDate(value: string | undefined): string | undefined {
  const parsed = parseFhirDate(value);
  return parsed ? formatCuiDate(parsed) : undefined;
}

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
