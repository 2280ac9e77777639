import type { CareRecord } from '../domain/records';
import { RecordDate } from './record-date';
import { ShownMark } from './shown-mark';
import { ViewButton } from './view-button';

export interface EntrySourcesProps<T extends CareRecord> {
  /** What the entries are of, for the View buttons' names ("Penicillin"). */
  item: string;
  entries: T[];
  dateOf: (r: T) => string | undefined;
  /** Extra words after an entry's date (its status in words…). */
  extra?: (r: T) => string | undefined;
  onOpen?: (r: T) => void;
}

/**
 * Every organisation's entry for one line of the summary, each with its date and its own
 * View button: a line that stands for several records never hides any of them.
 */
export function EntrySources<T extends CareRecord>({ item, entries, dateOf, extra, onOpen }: EntrySourcesProps<T>) {
  return (
    <ul className="entry-sources">
      {entries.map((e) => {
        const more = extra?.(e);
        return (
          <li key={e.key} className="entry-source">
            <span className="item-source">{e.source.organisationName}</span>{' '}
            <RecordDate value={dateOf(e)} />
            {more && <span className="entry-extra">{` · ${more}`}</span>}
            {onOpen && <ViewButton item={`${item} from ${e.source.organisationName}`} onClick={() => onOpen(e)} />}
            <ShownMark record={e} />
          </li>
        );
      })}
    </ul>
  );
}

/** A flag beside an item: a conflict or discrepancy, in words, never resolved. */
export function ConflictTag({ children }: { children: string }) {
  return (
    <strong className="nhsuk-tag nhsuk-tag--orange record-tag conflict-tag">
      <span className="nhsuk-u-visually-hidden">Check: </span>
      {children}
    </strong>
  );
}
