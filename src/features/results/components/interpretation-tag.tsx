import type { Interpretation } from '../../../domain/records';
import { isCritical } from '../../../domain/results/interpretation';

/**
 * The interpretation in words, with colour as a second sign only. Nothing for a normal
 * result. One the viewer read from the range already says so ("Above the reference
 * range"), so it is not said twice.
 */
export function InterpretationTag({ interpretation }: { interpretation: Interpretation | undefined }) {
  if (!interpretation || interpretation.level === 'normal') return null;
  const colour = isCritical(interpretation.level) ? 'red' : 'orange';
  return <strong className={`nhsuk-tag nhsuk-tag--${colour} result-tag`}>{interpretation.text}</strong>;
}
