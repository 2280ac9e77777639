import { ShownMark } from '../../../components/shown-mark';
import { useId, useMemo } from 'react';
import { formatCuiDateTime } from '../../../components/record-date';
import type { ResultRecord } from '../../../domain/records';
import type { ResultGroup } from '../../../domain/results/group-results';
import { referenceRangeText, resultValueText } from '../../../domain/results/result-text';
import { buildTrend, type UcumConverter } from '../../../domain/results/trend';
import { InterpretationTag } from './interpretation-tag';
import { TrendChart } from './trend-chart';

export interface ResultGroupViewProps {
  group: ResultGroup;
  convert?: UcumConverter;
  onOpen?: (r: ResultRecord) => void;
  /** Every organisation of the record's results, in one order: each keeps its marker on every chart. */
  organisations?: readonly string[];
}

/**
 * One test: the latest value first, in words, with its unit, range, interpretation, date
 * and organisation; the trend picture when there are two or more values to draw; every
 * value in the table (the picture's alternative).
 */
export function ResultGroupView({ group, convert, onOpen, organisations }: ResultGroupViewProps) {
  const headingId = useId();
  const latest = group.results[0]!;
  const trend = useMemo(() => buildTrend(group.results, convert), [group.results, convert]);
  const converted = trend.points.filter((p) => p.convertedFrom);
  const convertedBy = new Map(converted.map((p) => [p.result.key, p]));
  return (
    <section className="result-group" aria-labelledby={headingId}>
      <h3 className="nhsuk-heading-s result-name" id={headingId}>{group.name}</h3>
      <p className="result-latest">
        <span className="result-latest-label">Latest: </span>
        <strong className="result-value">{resultValueText(latest.value)}</strong>{' '}
        <InterpretationTag interpretation={latest.interpretation} />
        <span className="result-meta">{` ${formatCuiDateTime(latest.date) ?? 'date not recorded'}, ${latest.source.organisationName}`}</span>
        {referenceRangeText(latest.referenceRange) && <span className="result-meta">{` · Reference range ${referenceRangeText(latest.referenceRange)}`}</span>}
      </p>
      {trend.points.length >= 2 && <TrendChart trend={trend} name={group.name} {...(organisations ? { organisations } : {})} />}
      {converted.length > 0 && (
        <p className="result-note">{`${converted.length === 1 ? 'One value was' : `${converted.length} values were`} converted to ${trend.unit ?? 'the latest unit'} for the picture using UCUM (Unified Code for Units of Measure); the table shows each as sent.`}</p>
      )}
      {trend.points.length >= 2 && trend.leftOff.length > 0 && (
        <p className="result-note">{`Not on the picture: ${trend.leftOff.map((l) => `${resultValueText(l.result.value)} on ${formatCuiDateTime(l.result.date) ?? 'no date'} (${l.reason})`).join('; ')}.`}</p>
      )}
      <table className="nhsuk-table result-table">
        <caption className="nhsuk-u-visually-hidden">{`${group.name}: every value, latest first`}</caption>
        <thead>
          <tr><th scope="col">Date</th><th scope="col">Value</th><th scope="col">Interpretation</th><th scope="col">Reference range</th><th scope="col">Organisation</th>{onOpen && <th scope="col"><span className="nhsuk-u-visually-hidden">Details</span></th>}</tr>
        </thead>
        <tbody>
          {group.results.map((r) => (
            <tr key={r.key}>
              <td>{formatCuiDateTime(r.date) ?? 'Not recorded'}</td>
              <td>{resultValueText(r.value)}{convertedBy.get(r.key) ? <span className="result-meta">{` (${convertedBy.get(r.key)!.value} ${trend.unit ?? ''} by UCUM)`}</span> : null}</td>
              <td>{r.interpretation ? <InterpretationTag interpretation={r.interpretation} /> : null}{r.interpretation?.level === 'normal' ? r.interpretation.text : null}</td>
              <td>{referenceRangeText(r.referenceRange) ?? ''}</td>
              <td>{r.source.organisationName}{r.performer && r.performer !== r.source.organisationName ? <><br /><span className="result-meta">{r.performer}</span></> : null}<ShownMark record={r} /></td>
              {onOpen && <td><button type="button" className="link-button" onClick={() => onOpen(r)} aria-label={`Details of ${r.name} on ${formatCuiDateTime(r.date) ?? 'no date'}`}>Details</button></td>}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
