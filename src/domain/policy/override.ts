/**
 * An emergency override of a patient's objection ("break the glass"). The reasons are a
 * fixed list, as NHS emergency-access reason codes are, so the audit trail can be
 * counted and reviewed; free text says what happened. Lasts for the session only.
 */
export type OverrideReason = 'safeguarding' | 'risk-of-harm' | 'public-interest' | 'care-not-safe-without';

export const OVERRIDE_REASONS: readonly OverrideReason[] = ['safeguarding', 'risk-of-harm', 'public-interest', 'care-not-safe-without'];

export const OVERRIDE_REASON_TEXT: Record<OverrideReason, string> = {
  safeguarding: 'Safeguarding concern',
  'risk-of-harm': 'Risk of harm to the patient or others',
  'public-interest': 'Public interest',
  'care-not-safe-without': 'The care needed cannot be given safely without it',
};

export function isOverrideReason(value: unknown): value is OverrideReason {
  return typeof value === 'string' && (OVERRIDE_REASONS as readonly string[]).includes(value);
}

/** At least this many characters of explanation: "see notes" is not an explanation. */
export const MIN_EXPLANATION = 10;

/** The reason in words for the audit trail and the screen, or why it is not enough. */
export function checkExplanation(text: string): { ok: true; text: string } | { ok: false; problem: string } {
  const t = text.trim();
  if (t.length < MIN_EXPLANATION) return { ok: false, problem: `Say why, in at least ${MIN_EXPLANATION} characters` };
  return { ok: true, text: t.slice(0, 1000) };
}
