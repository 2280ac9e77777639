import type { TimelineLane, TimelineWindow } from '../timeline-model';
import { barsPath, scaleTime, timeTicks } from '../timeline-scale';

export interface TimelineChartProps {
  lanes: TimelineLane[];
  window: TimelineWindow;
  /** Drawing width in CSS pixels: the container's, so that text stays at its set size. */
  width: number;
  /** The accessible name (the picture is one image to assistive technology). */
  title: string;
  /** The id of the text that describes the picture in words. */
  descriptionId: string;
}

const AXIS = 20;
const LABEL = 17;
const CONTACTS = 12;
const MED_ROW = 7;
const GAP = 8;
const PAD = 8;

const laneHeight = (l: TimelineLane) => LABEL + CONTACTS + (l.medicineRows > 0 ? 4 + l.medicineRows * MED_ROW : 0) + GAP;

/**
 * The picture: a time axis, then a lane per organisation with a tick per contact (a bar
 * for a stay longer than a day; the contacts of a lane are one path, the stays another)
 * and under it a thin bar per medicine course. One image
 * (role="img") with a name and a description; its detail is in the table beside it, so
 * nothing is only in the picture. Focusable, so a keyboard user meets it in order. Colours
 * come from classes (style-src 'self': no style attributes in the SVG).
 */
export function TimelineChart({ lanes, window: w, width, title, descriptionId }: TimelineChartProps) {
  const x = scaleTime(w, PAD, width - PAD);
  const height = AXIS + lanes.reduce((h, l) => h + laneHeight(l), 0);
  let y = AXIS;
  return (
    <svg className="timeline-svg" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={title}
      aria-describedby={descriptionId} tabIndex={0}>
      <title>{title}</title>
      {timeTicks(w, Math.max(4, Math.floor(width / 90))).map((t) => (
        <g key={t.at}>
          <line className="tl-grid" x1={x(t.at)} x2={x(t.at)} y1={AXIS - 4} y2={height} />
          <text className="tl-tick" x={x(t.at) + 3} y={AXIS - 8}>{t.label}</text>
        </g>
      ))}
      {lanes.map((l, i) => {
        const top = y;
        y += laneHeight(l);
        return (
          <g key={l.endpointId} transform={`translate(0 ${top})`}>
            <rect className={i % 2 ? 'tl-lane tl-lane-alt' : 'tl-lane'} x={0} y={0} width={width} height={laneHeight(l)} />
            <text className="tl-lane-label" x={PAD} y={LABEL - 5}>{`${l.organisationName} · ${l.encounters.length} ${l.encounters.length === 1 ? 'contact' : 'contacts'}`}</text>
            {/* A path per kind of contact, not an element per contact: a large record has thousands (issue 14). */}
            {(['tl-contact', 'tl-stay'] as const).map((kind) => {
              const bars = l.encounters.filter((e) => (kind === 'tl-stay') === Boolean(e.until))
                .map((e) => ({ x: x(e.at), width: Math.max(2, e.until ? x(e.until) - x(e.at) : 2) }));
              return bars.length > 0 && <path key={kind} className={kind} d={barsPath(bars, LABEL, CONTACTS)} />;
            })}
            {l.medicines.map((m) => (
              <rect key={m.key} className={m.current ? 'tl-med tl-med-current' : 'tl-med tl-med-past'} x={x(m.from)}
                y={LABEL + CONTACTS + 4 + m.row * MED_ROW} width={Math.max(2, x(m.to) - x(m.from))} height={MED_ROW - 2}>
                <title>{m.name}</title>
              </rect>
            ))}
          </g>
        );
      })}
      <line className="tl-now" x1={x(w.to)} x2={x(w.to)} y1={AXIS - 4} y2={height} />
    </svg>
  );
}
