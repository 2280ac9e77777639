import type { OperationOutcome } from 'fhir/r4';
import type { Objection } from '../../domain/policy/objection';
import type { CareRecord, UnreadableRecord } from '../../domain/records';
import type { SourceState } from '../../domain/source-status';

/**
 * What one endpoint gave for one viewing. `status` is always a settled state (ok, partial,
 * failed, timed-out, excluded or sign-in-needed); the busy states only travel through
 * `onProgress`. Records are kept even for a partial source: what arrived is shown, and
 * the status says what did not (hazard: incomplete record shown as complete).
 */
export interface SourceResult {
  endpointId: string;
  status: SourceState;
  records: CareRecord[];
  unreadable: UnreadableRecord[];
  /** Issues with code `suppressed`: the server says it withheld data (docs/standards.md). */
  withheld: number;
  /** Every search.mode=outcome OperationOutcome the searches returned, as sent. */
  outcomes: OperationOutcome[];
  /** For a failure: the seconds the server asked us to wait (Retry-After), if it said. */
  retryAfterSeconds?: number;
  /**
   * The patient's objections to sharing this organisation's records, where any were found.
   * With `overridden` the records were retrieved under an emergency override (BTG).
   */
  objections?: Objection[];
  overridden?: boolean;
}

type FailedState = Extract<SourceState, { state: 'failed' }>;

/**
 * A source that failed outright, thrown from the query function so that TanStack Query
 * retries it when it is transient (network, 5xx, 429, timeout) and never when it is not
 * (other 4xx): the policy lives in `retryable`, decided where the error was understood.
 */
export class SourceFailure extends Error {
  override readonly name = 'SourceFailure';
  readonly state: FailedState;
  readonly retryAfterSeconds?: number;

  constructor(state: FailedState, retryAfterSeconds?: number) {
    super(state.reason);
    this.state = state;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  get retryable(): boolean {
    return this.state.retryable;
  }
}

/** A settled result that carries no data (excluded, timed out, sign-in needed, failed). */
export function emptyResult(endpointId: string, status: SourceState, retryAfterSeconds?: number): SourceResult {
  return { endpointId, status, records: [], unreadable: [], withheld: 0, outcomes: [], ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) };
}
