import type { OperationOutcome } from 'fhir/r4';
import type { FhirErrorKind, FhirErrorShape } from './types';

/**
 * One error class for every way a FHIR request can fail, keeping the server's
 * OperationOutcome (habit 9: fhirclient HttpError, Medplum OperationOutcomeError).
 * `reason` is plain English for the source status; it never holds a token or a URL
 * with credentials.
 */
export class FhirError extends Error implements FhirErrorShape {
  override readonly name = 'FhirError';
  readonly kind: FhirErrorKind;
  readonly reason: string;
  readonly status?: number;
  readonly outcome?: OperationOutcome;
  readonly retryAfterSeconds?: number;

  constructor(shape: FhirErrorShape, options?: { cause?: unknown }) {
    super(shape.reason, options);
    this.kind = shape.kind;
    this.reason = shape.reason;
    this.status = shape.status;
    this.outcome = shape.outcome;
    this.retryAfterSeconds = shape.retryAfterSeconds;
  }
}

export function isFhirError(e: unknown): e is FhirError {
  return e instanceof FhirError;
}
