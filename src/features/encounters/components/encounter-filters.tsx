import { useId } from 'react';
import { rangeIsBackwards, type EncounterFilter, type FilterOptions } from '../encounter-filter';
import { DateField } from '../../../components/date-field';

export interface EncounterFiltersProps {
  value: EncounterFilter;
  options: FilterOptions;
  onChange: (next: EncounterFilter) => void;
}

/**
 * Organisation, type and date range for the encounter list: every control labelled, all
 * applied as they change (no submit), dates typed in the CUI form (date-field.tsx), and a
 * backwards range said in words beside the dates it concerns (NHS error message
 * pattern). Only reading: nothing here is saved.
 */
export function EncounterFilters({ value, options, onChange }: EncounterFiltersProps) {
  const id = useId();
  const set = (part: Partial<EncounterFilter>) => onChange({ ...value, ...part });
  const backwards = rangeIsBackwards(value);
  const errorId = `${id}-range-error`;
  const describedBy = backwards ? errorId : undefined;
  const filtered = value.organisation || value.type || value.from || value.to;
  return (
    <form className="encounter-filters" role="search" aria-label="Filter encounters" onSubmit={(e) => e.preventDefault()}>
      <div className="nhsuk-form-group filter-field">
        <label className="nhsuk-label" htmlFor={`${id}-org`}>Organisation</label>
        <select className="nhsuk-select" id={`${id}-org`} value={value.organisation} onChange={(e) => set({ organisation: e.target.value })}>
          <option value="">All organisations</option>
          {options.organisations.map((o) => (
            <option key={o.id} value={o.id}>{`${o.name} (${o.count})`}</option>
          ))}
        </select>
      </div>
      <div className="nhsuk-form-group filter-field">
        <label className="nhsuk-label" htmlFor={`${id}-type`}>Type</label>
        <select className="nhsuk-select" id={`${id}-type`} value={value.type} onChange={(e) => set({ type: e.target.value })}>
          <option value="">All types</option>
          {options.types.map((t) => (
            <option key={t.type} value={t.type}>{`${t.type} (${t.count})`}</option>
          ))}
        </select>
      </div>
      <div className={`nhsuk-form-group filter-field filter-dates${backwards ? ' nhsuk-form-group--error' : ''}`}>
        {backwards && (
          <p className="nhsuk-error-message" id={errorId}>
            <span className="nhsuk-u-visually-hidden">Error: </span>The from date must be on or before the to date
          </p>
        )}
        <DateField id={`${id}-from`} label="From" value={value.from} onChange={(from) => set({ from })} describedBy={describedBy} invalid={backwards} hint="For example, 04-Mar-2026" />
        <DateField id={`${id}-to`} label="To" value={value.to} onChange={(to) => set({ to })} describedBy={describedBy} invalid={backwards} hint="For example, 04-Mar-2026" />
      </div>
      {filtered && (
        <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small filter-clear"
          onClick={() => onChange({ organisation: '', type: '', from: '', to: '' })}>
          Clear filters
        </button>
      )}
    </form>
  );
}
