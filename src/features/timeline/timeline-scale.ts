/**
 * The time axis: where a moment falls across the picture's width, and which dates to
 * mark. Ticks fall on month or year starts (UTC; an hour's difference from London time
 * does not show at this scale), spaced so that their labels never crowd.
 */
import type { TimelineWindow } from './timeline-model';

export interface Tick {
  at: number;
  label: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** x for a moment, between `left` and `right`. */
export function scaleTime(w: TimelineWindow, left: number, right: number): (t: number) => number {
  const span = Math.max(1, w.to - w.from);
  return (t) => left + ((t - w.from) / span) * (right - left);
}

/**
 * Month ticks for up to about three years (every month, quarter or half-year, "Jan 2026"
 * at each January), else years every 1, 2, 5, 10 or 20.
 */
export function timeTicks(w: TimelineWindow, maxTicks = 12): Tick[] {
  const first = new Date(w.from);
  const months = (w.to - w.from) / (30.44 * 86_400_000);
  const ticks: Tick[] = [];
  const monthStep = months <= 40 ? [1, 3, 6].find((s) => months / s <= maxTicks) : undefined;
  if (monthStep) {
    const start = first.getUTCMonth() + 1;
    const d = new Date(Date.UTC(first.getUTCFullYear(), Math.ceil(start / monthStep) * monthStep, 1));
    for (; d.getTime() <= w.to; d.setUTCMonth(d.getUTCMonth() + monthStep)) {
      const m = d.getUTCMonth();
      ticks.push({ at: d.getTime(), label: m === 0 ? `Jan ${d.getUTCFullYear()}` : (MONTHS[m] as string) });
    }
    return ticks;
  }
  const years = months / 12;
  const step = [1, 2, 5, 10, 20].find((s) => years / s <= maxTicks) ?? 50;
  let year = Math.ceil((first.getUTCFullYear() + (first.getUTCMonth() > 0 || first.getUTCDate() > 1 ? 1 : 0)) / step) * step;
  for (; Date.UTC(year, 0, 1) <= w.to; year += step) ticks.push({ at: Date.UTC(year, 0, 1), label: String(year) });
  return ticks;
}

/** A coordinate to a hundredth of a pixel: enough for any screen, short in a path. */
const px = (v: number) => String(Math.round(v * 100) / 100);

/**
 * Bars of one height at `y` (each an x and a width) as one SVG path: a lane's contacts
 * drawn as a single element instead of an element each, so a record of thousands of
 * contacts adds a few elements to the page, not thousands (issue 14). Empty for no bars.
 */
export function barsPath(bars: readonly { x: number; width: number }[], y: number, height: number): string {
  return bars.map((b) => `M${px(b.x)} ${px(y)}h${px(b.width)}v${px(height)}h-${px(b.width)}z`).join('');
}
