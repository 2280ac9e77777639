/** Results in plain words: the value with its unit, and the reference range. Pure. */
import type { ReferenceRange, ResultValue } from '../records';

/** "6.8 mmol/L", "<0.5 mg/L", "Positive", or "No value". */
export function resultValueText(v: ResultValue): string {
  if (v.kind === 'quantity') return `${v.comparator ?? ''}${v.value}${v.unit ? ` ${v.unit}` : ''}`;
  if (v.kind === 'text') return v.text;
  return 'No value';
}

/** "3.5 to 5.3 mmol/L", "below 48 mmol/mol", "above 90 mL/min/1.73m2", else the range's text. */
export function referenceRangeText(r: ReferenceRange | undefined): string | undefined {
  if (!r) return undefined;
  const unit = r.unit ? ` ${r.unit}` : '';
  if (r.low !== undefined && r.high !== undefined) return `${r.low} to ${r.high}${unit}`;
  if (r.high !== undefined) return `up to ${r.high}${unit}`;
  if (r.low !== undefined) return `${r.low} or more${unit}`;
  return r.text;
}
