import type { OperationOutcome } from 'fhir/r4';

/** Longest server explanation quoted in a reason: a status strip, not a log. */
export const MAX_OUTCOME_TEXT = 200;

export function isOperationOutcome(value: unknown): value is OperationOutcome {
  return typeof value === 'object' && value !== null && (value as { resourceType?: unknown }).resourceType === 'OperationOutcome';
}

/**
 * The human-readable part of an OperationOutcome (FHIR R4 operationoutcome.html: an
 * issue's `details.text`, else its `diagnostics`), issues joined, control characters
 * removed and shortened. The text is the server's: untrusted, so only ever shown as text.
 */
export function outcomeText(outcome: OperationOutcome | undefined, max = MAX_OUTCOME_TEXT): string {
  const parts = (outcome?.issue ?? [])
    .map((i) => i.details?.text ?? i.diagnostics ?? '')
    .map((t) => t.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim())
    .filter((t) => t !== '');
  const text = [...new Set(parts)].join('; ');
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
