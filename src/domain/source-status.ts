/**
 * What kind of problem stopped a source, so the page can say in plain words what happened
 * and what to do; the technical reason stays in `reason` for support staff.
 * not-answering: a request got no answer in time; unreachable: no connection (down, refused, DNS, sign-in service unreachable);
 * server-error: the server failed (5xx); busy: it asked us to wait (429, 503 Retry-After);
 * refused: it refused the request (other 4xx) and asking again will not help;
 * unreadable: its answer could not be read or its paging link was unsafe;
 * objection-check: the patient's objections there could not be checked;
 * rejected-sign-in: a token it no longer accepts (401 after one renewal);
 * not-granted: the sign-in did not grant reading the Patient or the Consents, so the
 * patient cannot be matched or their objections checked there (fail closed).
 */
export type SourceProblem = 'unreachable' | 'not-answering' | 'server-error' | 'busy' | 'refused' | 'unreadable' | 'objection-check' | 'rejected-sign-in' | 'set-up' | 'not-granted';

/** A search the sign-in's granted scopes do not allow, with the scope that would (`user/Observation.rs`). */
export interface NotGranted {
  type: string;
  scope: string;
}

/**
 * The state of one source (regional endpoint) during a viewing. The summary is
 * "complete" only when every source is ok: a partial record must never look whole
 * (hazard: incomplete record shown as complete).
 */
export type SourceState =
  | { state: 'waiting' }
  | { state: 'authorising' }
  /** The user must sign in to this organisation (silent sign-in failed). */
  | { state: 'sign-in-needed'; reason: string; problem?: SourceProblem }
  | { state: 'loading'; pagesSoFar: number }
  /** `withdrawn`: entries the source marked entered-in-error, left out (not "unreadable"). */
  | { state: 'ok'; counts: Record<string, number>; tookMs: number; asOf: string; unreadable: number; withdrawn?: number }
  /**
   * Some searches failed, or were not sent because the granted scopes do not allow them
   * (`notGranted`, never retried: only a wider grant helps); what did arrive is shown.
   */
  | { state: 'partial'; counts: Record<string, number>; failed: string[]; notGranted?: NotGranted[]; reason: string; asOf: string; unreadable: number; withdrawn?: number }
  | { state: 'failed'; reason: string; retryable: boolean; problem?: SourceProblem }
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

/**
 * Whether a copy of the sources' states taken a moment ago (the record drawn a little
 * behind its answers, to draw several answers at once) may stand for the current one: only
 * while it names the same organisations, in the same order, and claims no more than the
 * current states do about the record being whole. Answers may lag; what was asked, and
 * "Complete", may not (hazard log: incomplete record shown as complete).
 */
export function mayStandFor(lagging: SourceStatus[], current: SourceStatus[]): boolean {
  if (lagging.length !== current.length || lagging.some((s, i) => s.endpointId !== current[i]!.endpointId)) return false;
  return completeness(lagging) !== 'complete' || completeness(current) === 'complete';
}
