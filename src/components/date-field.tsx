import { useState } from 'react';
import { formatDateEntry, parseDateEntry } from '../domain/date-entry';

export interface DateFieldProps {
  id: string;
  label: string;
  /** `YYYY-MM-DD`, or '' for none. */
  value: string;
  onChange: (isoDate: string) => void;
  /** Ids of text that describes the field (the shared hint, a range error). */
  describedBy?: string;
  /** Marks the field as in error for a problem said elsewhere (a backwards range). */
  invalid?: boolean;
  /** Shown between the label and the box (NHS hint text). */
  hint?: string;
}

/**
 * A date typed as text, in any usual English form, applied as soon as it reads as a
 * date and shown back as `04-Mar-2026` when the field is left. What cannot be read is
 * said beside the field (NHS error message pattern), the typed text is kept, and no date
 * from this field is applied until it reads as one.
 * A value changed from outside (Clear filters) replaces whatever was typed.
 */
export function DateField({ id, label, value, onChange, describedBy, invalid = false, hint }: DateFieldProps) {
  const [text, setText] = useState(() => formatDateEntry(value));
  const [unreadable, setUnreadable] = useState(false);
  const [applied, setApplied] = useState(value);
  if (value !== applied) {
    setApplied(value);
    if (value !== (parseDateEntry(text) ?? '')) {
      setText(formatDateEntry(value));
      setUnreadable(false);
    }
  }
  const errorId = `${id}-error`;
  return (
    <span className={`filter-date${unreadable ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-label" htmlFor={id}>{label}</label>
      {hint && (
        <span className="nhsuk-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {unreadable && (
        <span className="nhsuk-error-message" id={errorId}>
          <span className="nhsuk-u-visually-hidden">Error: </span>
          {`Enter a real ${label.toLowerCase()} date, like 04-Mar-2026. Until then no ${label.toLowerCase()} date is applied.`}
        </span>
      )}
      <input
        className={`nhsuk-input filter-date-input${unreadable || invalid ? ' nhsuk-input--error' : ''}`}
        id={id}
        type="text"
        autoComplete="off"
        spellCheck={false}
        value={text}
        aria-describedby={[hint ? `${id}-hint` : undefined, describedBy, unreadable ? errorId : undefined].filter(Boolean).join(' ') || undefined}
        aria-invalid={unreadable || invalid || undefined}
        onChange={(e) => {
          const typed = e.target.value;
          setText(typed);
          const parsed = parseDateEntry(typed);
          if (typed.trim() === '' || parsed) setUnreadable(false);
          // Text that is not (yet) a date stops filtering by the old one: the list never
          // answers a question other than the one on screen.
          onChange(parsed ?? '');
        }}
        onBlur={() => {
          const parsed = parseDateEntry(text);
          if (parsed) setText(formatDateEntry(parsed));
          else if (text.trim() !== '') setUnreadable(true);
        }}
      />
    </span>
  );
}
