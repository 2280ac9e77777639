import { codeWords } from '../../../domain/coded-words';
import { DateField } from '../../../components/date-field';
import { ShownMark } from '../../../components/shown-mark';
import { useId, useMemo, useState } from 'react';
import { formatCuiDateTime } from '../../../components/record-date';
import type { CareRecord, ReportRecord, ResultRecord } from '../../../domain/records';
import { filterGroups, filterReports, groupResults, type ResultFilter } from '../../../domain/results/group-results';
import { newestFirst } from '../../../domain/record-order';
import { useUcumConverter } from '../ucum';
import { ResultGroupView } from './result-group';

export interface ResultsViewProps {
  results: ResultRecord[];
  reports: ReportRecord[];
  onOpen?: (r: CareRecord) => void;
}

const unitsOf = (rs: ResultRecord[]) => new Set(rs.flatMap((r) => (r.value.kind === 'quantity' ? [r.value.ucum ?? r.value.unit ?? ''] : [])));

/**
 * Tests already done, from every organisation: grouped by test (domain/results), latest
 * first, filtered by test name and dates; then reports (imaging, histology) as text.
 */
export function ResultsView({ results, reports, onOpen }: ResultsViewProps) {
  const id = useId();
  const [filter, setFilter] = useState<ResultFilter>({});
  const groups = useMemo(() => groupResults(results), [results]);
  // One order of organisations for every chart (by name), so each keeps its marker across tests.
  const organisations = useMemo(() => [...new Set(results.map((r) => r.source.organisationName))].sort(), [results]);
  const shown = useMemo(() => filterGroups(groups, filter), [groups, filter]);
  const mixedUnits = useMemo(() => groups.some((g) => unitsOf(g.results).size > 1), [groups]);
  const convert = useUcumConverter(mixedUnits);
  const set = (part: ResultFilter) => setFilter((f) => ({ ...f, ...part }));
  const backwards = filter.from && filter.to && filter.from > filter.to;
  const sortedReports = useMemo(() => [...reports].sort(newestFirst), [reports]);
  // The same filter holds the reports: none from outside the dates on a filtered page.
  const shownReports = useMemo(
    () => filterReports(sortedReports, filter, new Set(shown.flatMap((g) => g.results.map((r) => r.key)))),
    [sortedReports, filter, shown],
  );
  return (
    <>
      {results.length > 0 && (
        <form className="result-filters" role="search" aria-label="Filter results" onSubmit={(e) => e.preventDefault()}>
          <div className="nhsuk-form-group filter-field">
            <label className="nhsuk-label" htmlFor={`${id}-test`}>Test name</label>
            <input className="nhsuk-input" id={`${id}-test`} type="search" value={filter.text ?? ''} onChange={(e) => set({ text: e.target.value })} />
          </div>
          {/* Dates typed in the CUI form, as in the encounter filters (components/date-field.tsx): a browser's picker shows its locale's order. */}
          <div className={`nhsuk-form-group filter-field filter-dates${backwards ? ' nhsuk-form-group--error' : ''}`}>
            {backwards && (
              <p className="nhsuk-error-message" id={`${id}-range-error`}>
                <span className="nhsuk-u-visually-hidden">Error: </span>The from date must be on or before the to date
              </p>
            )}
            <DateField id={`${id}-from`} label="From" value={filter.from ?? ''} onChange={(from) => set({ from: from || undefined })}
              describedBy={backwards ? `${id}-range-error` : undefined} invalid={Boolean(backwards)} hint="For example, 04-Mar-2026" />
            <DateField id={`${id}-to`} label="To" value={filter.to ?? ''} onChange={(to) => set({ to: to || undefined })}
              describedBy={backwards ? `${id}-range-error` : undefined} invalid={Boolean(backwards)} hint="For example, 04-Mar-2026" />
          </div>
          {(filter.text || filter.from || filter.to) && (
            <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small filter-clear" onClick={() => setFilter({})}>
              Clear filters
            </button>
          )}
        </form>
      )}
      {results.length > 0 && (
        <p className="result-count" role="status">{`${shown.length} of ${groups.length} tests shown`}</p>
      )}
      {shown.map((g) => (
        <ResultGroupView key={g.key} group={g} convert={convert} onOpen={onOpen} organisations={organisations} />
      ))}
      {results.length > 0 && shown.length === 0 && <p className="section-empty">No results match the filter.</p>}
      {mixedUnits && !convert && <p className="result-note">Some tests were reported in different units. Each value is shown as sent.</p>}
      {sortedReports.length > 0 && (
        <section className="result-reports" aria-labelledby={`${id}-reports`}>
          <h3 className="nhsuk-heading-s" id={`${id}-reports`}>Reports</h3>
          {shownReports.length < sortedReports.length && (
            <p className="result-count" role="status">{`${shownReports.length} of ${sortedReports.length} reports shown`}</p>
          )}
          {shownReports.length === 0 ? <p className="section-empty">No reports match the filter.</p> : (
          <ul className="record-list">
            {shownReports.map((r) => (
              <li key={r.key} className="result-report">
                <strong>{r.name}</strong>
                <span className="result-meta">{` ${formatCuiDateTime(r.date) ?? 'date not recorded'}, ${r.source.organisationName}${r.status !== 'final' ? ` · ${codeWords('report-status', r.status) ?? r.status}` : ''}`}</span>
                <ShownMark record={r} />
                {r.conclusion && <p className="result-conclusion">{`Conclusion: ${r.conclusion}`}</p>}
                {r.presentedText && <p className="result-presented">{r.presentedText}</p>}
                {r.resultKeys.length > 0 && <p className="result-meta">{`${r.resultKeys.length} result${r.resultKeys.length === 1 ? '' : 's'}, shown with the tests above`}</p>}
                {!r.presentedText && r.presentedForms.length > 0 && <p className="result-meta">{`The full report is attached (${r.presentedForms.map((f) => f.contentType ?? 'unknown type').join(', ')}) and is not shown here.`}</p>}
              </li>
            ))}
          </ul>
          )}
        </section>
      )}
    </>
  );
}
