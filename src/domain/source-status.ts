/**
 * The state of one source (regional endpoint) during a viewing. The summary is
 * "complete" only when every source is ok: a partial record must never look whole
 * (hazard: incomplete record shown as complete).
 */
export type SourceState =
  | { state: 'waiting' }
  | { state: 'authorising' }
  /** The user must sign in to this organisation (silent sign-in failed). */
  | { state: 'sign-in-needed'; reason: string }
  | { state: 'loading'; pagesSoFar: number }
  /** `withdrawn`: entries the source marked entered-in-error, left out (not "unreadable"). */
  | { state: 'ok'; counts: Record<string, number>; tookMs: number; asOf: string; unreadable: number; withdrawn?: number }
  /** Some searches failed; what did arrive is shown. */
  | { state: 'partial'; counts: Record<string, number>; failed: string[]; reason: string; asOf: string; unreadable: number; withdrawn?: number }
  | { state: 'failed'; reason: string; retryable: boolean }
  | { state: 'timed-out'; afterMs: number }
  /** The source answered: it holds no record for this NHS number. A complete answer. */
  | { state: 'no-record'; tookMs: number; asOf: string }
  /** The patient could not be matched safely at this source (mismatch, several). */
  | { state: 'excluded'; reason: string }
  /**
   * The patient objected to this organisation's records being shared (a FHIR Consent on
   * the objection register or at the organisation): nothing of it was retrieved.
   */
  | { state: 'objected'; heldBy: ('register' | 'organisation')[] };

export type SourceStateName = SourceState['state'];

export interface SourceStatus {
  endpointId: string;
  organisationName: string;
  status: SourceState;
}

export type Completeness = 'complete' | 'in-progress' | 'incomplete';

/** A source whose answer is whole: everything it holds for this patient arrived (or it holds nothing). */
export function answeredInFull(s: SourceStatus): boolean {
  return s.status.state === 'ok' || s.status.state === 'no-record';
}

/** 'complete' only when every source answered in full; 'in-progress' while any is still working. */
export function completeness(sources: SourceStatus[]): Completeness {
  const busy = sources.some((s) => ['waiting', 'authorising', 'loading'].includes(s.status.state));
  if (busy) return 'in-progress';
  return sources.length > 0 && sources.every(answeredInFull) ? 'complete' : 'incomplete';
}
