/**
 * A result's interpretation in words, from the laboratory's own code where it sent one
 * (FHIR R4 v3-ObservationInterpretation: HH, LL, AA critical; H, L high and low; A
 * abnormal; N normal), else from the value against its reference range. The viewer
 * never invents a critical value: only the laboratory can say a result is critical.
 * Colour is never the only sign: every level has its words. Pure.
 */
import type { CodeableConcept, Coding } from 'fhir/r4';
import type { Interpretation, InterpretationLevel, QuantityValue, ReferenceRange } from '../records';

export const OBSERVATION_INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

/** Plain words for each level, as shown beside the value. */
export const INTERPRETATION_TEXT: Record<InterpretationLevel, string> = {
  'critical-high': 'Critical high',
  'critical-low': 'Critical low',
  critical: 'Critical',
  high: 'High',
  low: 'Low',
  abnormal: 'Abnormal',
  normal: 'Normal',
};

/** v3-ObservationInterpretation codes the viewer understands (HU/LU: significantly high/low, shown as critical-free high/low). */
const CODES: Record<string, InterpretationLevel> = {
  HH: 'critical-high', '>': 'high', HU: 'high', H: 'high',
  LL: 'critical-low', '<': 'low', LU: 'low', L: 'low',
  AA: 'critical', A: 'abnormal',
  N: 'normal',
};

/** Most severe first: when a server sends several codes, the gravest wins. */
const SEVERITY: InterpretationLevel[] = ['critical-high', 'critical-low', 'critical', 'high', 'low', 'abnormal', 'normal'];

/** The laboratory's interpretation, if any coding is one the viewer knows (system v3-ObservationInterpretation or none). */
export function laboratoryInterpretation(concepts: readonly CodeableConcept[] | undefined): Interpretation | undefined {
  const levels = (Array.isArray(concepts) ? concepts : []).flatMap((cc) =>
    (cc?.coding ?? []).flatMap((c: Coding) => {
      if (typeof c?.code !== 'string') return [];
      if (c.system !== undefined && c.system !== OBSERVATION_INTERPRETATION) return [];
      const level = CODES[c.code];
      return level ? [level] : [];
    }),
  );
  if (levels.length === 0) return undefined;
  const level = SEVERITY.find((l) => levels.includes(l)) as InterpretationLevel;
  return { level, text: INTERPRETATION_TEXT[level], source: 'laboratory' };
}

/** Same unit for a value and its range: both absent, or equal as written. */
function sameUnit(value: QuantityValue, range: ReferenceRange): boolean {
  return (range.unit ?? value.unit) === (value.unit ?? range.unit);
}

/**
 * From the value and the reference range (same unit only), when the laboratory gave no
 * interpretation: above or below the range, else within it. A value with a comparator
 * (`<5`) is compared only where the comparison is certain.
 */
export function rangeInterpretation(value: QuantityValue, range: ReferenceRange | undefined): Interpretation | undefined {
  if (!range || !sameUnit(value, range)) return undefined;
  const { low, high } = range;
  if (low === undefined && high === undefined) return undefined;
  const v = value.value;
  const c = value.comparator;
  const above = high !== undefined && v > high && c !== '<' && c !== '<=';
  const below = low !== undefined && v < low && c !== '>' && c !== '>=';
  if (above) return { level: 'high', text: 'Above the reference range', source: 'reference-range' };
  if (below) return { level: 'low', text: 'Below the reference range', source: 'reference-range' };
  if (c !== undefined) return undefined;
  const within = (low === undefined || v >= low) && (high === undefined || v <= high);
  return within ? { level: 'normal', text: 'Within the reference range', source: 'reference-range' } : undefined;
}

/** The laboratory's word first; otherwise what the range says. */
export function interpret(concepts: readonly CodeableConcept[] | undefined, value: QuantityValue | undefined, range: ReferenceRange | undefined): Interpretation | undefined {
  return laboratoryInterpretation(concepts) ?? (value ? rangeInterpretation(value, range) : undefined);
}

/** Whether a level calls for attention (shown with a warning tag and its words). */
export function isCritical(level: InterpretationLevel | undefined): boolean {
  return level === 'critical-high' || level === 'critical-low' || level === 'critical';
}

export function isOutOfRange(level: InterpretationLevel | undefined): boolean {
  return level !== undefined && level !== 'normal';
}
