import type { AlertRecord } from '../../../domain/records';

/**
 * Tag colours by HL7 flag-category (display), so that the kind of warning reads at a
 * glance: safety and safeguarding red, advance decisions (DNACPR, ReSPECT) purple,
 * clinical risks orange, anything else grey. The words are always there too (WCAG 1.4.1).
 */
const COLOURS: Record<string, string> = {
  safety: 'red',
  safeguarding: 'red',
  'advance directive': 'purple',
  clinical: 'orange',
  behavioral: 'orange',
  administrative: 'blue',
};

export function AlertCategoryTag({ alert }: { alert: AlertRecord }) {
  const colour = COLOURS[alert.category.toLowerCase()] ?? 'grey';
  return <strong className={`nhsuk-tag nhsuk-tag--${colour} record-tag`}>{alert.category}</strong>;
}

const capitalise = (s: string) => (s ? `${s[0]?.toUpperCase()}${s.slice(1)}` : s);

/** "Allergy", "Intolerance", "Allergy or intolerance". */
export function allergyType(alert: AlertRecord): string {
  return capitalise(alert.category);
}
