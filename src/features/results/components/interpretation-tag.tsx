import type { Interpretation } from '../../../domain/records';
import { isCritical } from '../../../domain/results/interpretation';

/** The interpretation in words, with colour as a second sign only. Nothing for a normal result. */
export function InterpretationTag({ interpretation }: { interpretation: Interpretation | undefined }) {
  if (!interpretation || interpretation.level === 'normal') return null;
  const colour = isCritical(interpretation.level) ? 'red' : 'orange';
  const derived = interpretation.source === 'reference-range' ? ' (from the reference range)' : '';
  return <strong className={`nhsuk-tag nhsuk-tag--${colour} result-tag`}>{`${interpretation.text}${derived}`}</strong>;
}
