/**
 * OperationOutcome helpers: every error the endpoint returns is a FHIR OperationOutcome
 * with an HTTP status that matches it (FHIR R4 http.html: 400 bad syntax, 401 not
 * authorised, 404 unknown resource or type, 405 interaction not allowed).
 */
import type { OperationOutcome, OperationOutcomeIssue, Resource } from 'fhir/r4';

export interface FhirResult {
  status: number;
  body: Resource;
  headers?: Record<string, string>;
}

export type IssueCode = OperationOutcomeIssue['code'];

export function outcome(code: IssueCode, diagnostics: string, severity: OperationOutcomeIssue['severity'] = 'error'): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity, code, diagnostics }] };
}

export function failure(status: number, code: IssueCode, diagnostics: string, headers?: Record<string, string>): FhirResult {
  return { status, body: outcome(code, diagnostics), ...(headers ? { headers } : {}) };
}

/** Thrown inside the engine to leave with a given status. */
export class FhirError extends Error {
  constructor(
    readonly status: number,
    readonly code: IssueCode,
    message: string,
  ) {
    super(message);
    this.name = 'FhirError';
  }

  toResult(): FhirResult {
    return failure(this.status, this.code, this.message);
  }
}

export const STATUS_TEXT: Record<number, string> = {
  200: 'OK', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 500: 'Internal Server Error',
};
