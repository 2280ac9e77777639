import { useId } from 'react';
import { formatRecordDate } from '../../../components/record-date';
import type { Trend } from '../../../domain/results/trend';

const W = 640;
const H = 220;
const PAD = { left: 56, right: 16, top: 12, bottom: 36 };
/** One marker shape per organisation, so organisations are told apart without colour. */
const SHAPES = ['circle', 'square', 'diamond', 'triangle'] as const;

function marker(shape: (typeof SHAPES)[number], x: number, y: number) {
  switch (shape) {
    case 'circle': return <circle cx={x} cy={y} r={5} />;
    case 'square': return <rect x={x - 4.5} y={y - 4.5} width={9} height={9} />;
    case 'diamond': return <polygon points={`${x},${y - 6} ${x + 6},${y} ${x},${y + 6} ${x - 6},${y}`} />;
    case 'triangle': return <polygon points={`${x},${y - 6} ${x + 6},${y + 5} ${x - 6},${y + 5}`} />;
  }
}

const day = (t: number) => formatRecordDate(new Date(t).toISOString().slice(0, 10)) ?? '';

/**
 * A test's values over time across organisations, with the reference band shaded. A
 * picture for seeing the direction; the table beside it holds every value in words.
 * `organisations`: every organisation of the record's results, in one order for every
 * chart, so that an organisation keeps its marker from one test to the next.
 */
export function TrendChart({ trend, name, organisations }: { trend: Trend; name: string; organisations?: readonly string[] }) {
  const titleId = useId();
  const { points, band } = trend;
  const values = [...points.map((p) => p.value), ...(band?.low !== undefined ? [band.low] : []), ...(band?.high !== undefined ? [band.high] : [])];
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (lo === hi) { lo -= 1; hi += 1; }
  const margin = (hi - lo) * 0.1;
  lo -= margin; hi += margin;
  const t0 = points[0]!.at;
  const t1 = points.at(-1)!.at;
  const span = t1 - t0 || 1;
  const x = (t: number) => PAD.left + ((t - t0) / span) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - (v - lo) / (hi - lo)) * (H - PAD.top - PAD.bottom);
  const orgs = trend.organisations;
  const order = organisations ?? orgs;
  const slot = (org: string) => Math.max(0, order.indexOf(org)) % SHAPES.length;
  const shapeOf = (org: string) => SHAPES[slot(org)]!;
  const unit = trend.unit ? ` (${trend.unit})` : '';
  const summary = `${name}${unit}: ${points.length} values from ${orgs.join(' and ')}, ${day(t0)} to ${day(t1)}.` +
    (band ? ` Shaded: reference range${band.low !== undefined ? ` from ${band.low}` : ''}${band.high !== undefined ? ` to ${band.high}` : ''}.` : '') + ' The table lists every value.';
  return (
    <figure className="trend">
      <svg viewBox={`0 0 ${W} ${H}`} className="trend-chart" role="img" aria-labelledby={titleId}>
        <title id={titleId}>{summary}</title>
        {band && (
          <rect className="trend-band" x={PAD.left} width={W - PAD.left - PAD.right}
            y={y(band.high ?? hi)} height={Math.max(0, y(band.low ?? lo) - y(band.high ?? hi))} />
        )}
        <line className="trend-axis" x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={H - PAD.bottom} />
        <line className="trend-axis" x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} />
        {[hi - margin, lo + margin].map((v) => (
          <text key={v} className="trend-label" x={PAD.left - 6} y={y(v) + 4} textAnchor="end">{Number(v.toFixed(2))}</text>
        ))}
        <text className="trend-label" x={PAD.left} y={H - 12}>{day(t0)}</text>
        <text className="trend-label" x={W - PAD.right} y={H - 12} textAnchor="end">{day(t1)}</text>
        <polyline className="trend-line" points={points.map((p) => `${x(p.at)},${y(p.value)}`).join(' ')} />
        {points.map((p) => (
          <g key={p.result.key} className={`trend-point org-${slot(p.result.source.organisationName)}`}>
            {marker(shapeOf(p.result.source.organisationName), x(p.at), y(p.value))}
          </g>
        ))}
      </svg>
      <figcaption className="trend-legend">
        {orgs.map((o) => (
          <span key={o} className="trend-legend-item">
            <svg width="14" height="14" viewBox="-7 -7 14 14" aria-hidden="true" className={`trend-point org-${slot(o)}`}>{marker(shapeOf(o), 0, 0)}</svg>
            {o}
          </span>
        ))}
        {band && <span className="trend-legend-item"><span className="trend-band-key" aria-hidden="true" />Reference range</span>}
      </figcaption>
    </figure>
  );
}
