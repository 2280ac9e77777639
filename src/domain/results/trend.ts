/**
 * The picture of one test over time: numeric results in one unit, across every
 * organisation that sent them, with the reference band. Units that differ are never
 * mixed silently: a result in another unit is converted only through UCUM (the caller
 * passes the converter, @lhncbc/ucum-lhc, loaded when needed) and the point says it was
 * converted and from what; a result that cannot be converted is left off the picture and
 * listed with the reason. Pure.
 */
import type { QuantityValue, ReferenceRange, ResultRecord } from '../records';
import { latestFirst } from './group-results';

/** Converts a value between two UCUM codes; undefined when UCUM cannot (different kinds of quantity). */
export type UcumConverter = (value: number, fromUcum: string, toUcum: string) => number | undefined;

export interface TrendPoint {
  result: ResultRecord;
  /** When (ms since epoch). */
  at: number;
  value: number;
  /** Set when the value was converted through UCUM: the value as sent, with its unit. */
  convertedFrom?: string;
}

export interface TrendLeftOff {
  result: ResultRecord;
  reason: string;
}

export interface Trend {
  /** The unit of the picture: the latest numeric result's unit. */
  unit?: string;
  /** Oldest first. */
  points: TrendPoint[];
  leftOff: TrendLeftOff[];
  /** The latest result's reference range in the picture's unit, if it has one. */
  band?: { low?: number; high?: number };
  /** Organisations with a point on the picture. */
  organisations: string[];
}

const unitOf = (v: QuantityValue) => v.ucum ?? v.unit;
const sameUnit = (a: QuantityValue, b: QuantityValue) => (unitOf(a) ?? '') === (unitOf(b) ?? '');

function at(date: string): number | undefined {
  const t = Date.parse(date.length === 4 ? `${date}-07-01` : date.length === 7 ? `${date}-15` : date);
  return Number.isNaN(t) ? undefined : t;
}

function band(range: ReferenceRange | undefined, unit: QuantityValue): Trend['band'] {
  if (!range || (range.low === undefined && range.high === undefined)) return undefined;
  if (range.unit !== undefined && range.unit !== unit.unit && range.unit !== unit.ucum) return undefined;
  return { ...(range.low !== undefined ? { low: range.low } : {}), ...(range.high !== undefined ? { high: range.high } : {}) };
}

/**
 * The trend for one group's results. Only numeric results with a date and no comparator
 * are drawn (`<0.5` is not a point); the rest are listed in `leftOff` with the reason.
 */
export function buildTrend(results: readonly ResultRecord[], convert?: UcumConverter): Trend {
  const sorted = [...results].sort(latestFirst);
  const numeric = sorted.filter((r) => r.value.kind === 'quantity');
  const reference = numeric.find((r) => r.date && r.value.kind === 'quantity' && r.value.comparator === undefined);
  const leftOff: TrendLeftOff[] = [];
  const points: TrendPoint[] = [];
  if (!reference || reference.value.kind !== 'quantity') {
    return { points, leftOff: sorted.map((result) => ({ result, reason: 'No numeric value to draw' })), organisations: [] };
  }
  const target = reference.value;
  for (const result of sorted) {
    const v = result.value;
    const when = result.date ? at(result.date) : undefined;
    if (v.kind !== 'quantity') leftOff.push({ result, reason: 'No numeric value to draw' });
    else if (when === undefined) leftOff.push({ result, reason: 'No date' });
    else if (v.comparator !== undefined) leftOff.push({ result, reason: `A limit (${v.comparator}${v.value}), not a measured value` });
    else if (sameUnit(v, target)) points.push({ result, at: when, value: v.value });
    else {
      const converted = v.ucum && target.ucum && convert ? convert(v.value, v.ucum, target.ucum) : undefined;
      if (converted !== undefined && Number.isFinite(converted)) {
        points.push({ result, at: when, value: roundLike(converted, target.value), convertedFrom: `${v.value}${v.unit ? ` ${v.unit}` : ''}` });
      } else {
        const why = !v.ucum || !target.ucum ? 'no UCUM unit code to convert with' : convert ? 'UCUM cannot convert between these units' : 'unit conversion is not available';
        leftOff.push({ result, reason: `In ${v.unit ?? 'no unit'}, not ${target.unit ?? 'no unit'}: ${why}` });
      }
    }
  }
  points.reverse();
  const b = band(reference.referenceRange, target);
  return {
    ...(target.unit ? { unit: target.unit } : {}),
    points,
    leftOff,
    ...(b ? { band: b } : {}),
    organisations: [...new Set(points.map((p) => p.result.source.organisationName))],
  };
}

/** A converted value to a sensible precision: as many decimals as the picture's own values, at least one more. */
function roundLike(value: number, like: number): number {
  const decimals = Math.min(4, (String(like).split('.')[1]?.length ?? 0) + 1);
  return Number(value.toFixed(decimals));
}
