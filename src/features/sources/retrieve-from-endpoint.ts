import type { CapabilityStatement, FhirResource, Patient } from 'fhir/r4';
import type { EndpointConfiguration } from '../../config/types';
import { identifierSearch, type PatientIdentity } from '../../domain/patient-identity';
import { matchPatient, type MatchResult } from '../../domain/patient-match';
import { isFhirError } from '../../fhir/errors';
import type { SourceState } from '../../domain/source-status';
import type { EndpointProbe, FhirTransport, FirstPage, SearchProgress } from '../../fhir/types';
import { prenormalise, type NormaliseMemo } from '../../domain/normalise';
import type { EndpointAccess } from '../../smart/endpoint-access';
import { splitByGrant } from '../../smart/granted-scope';
import type { NotGranted } from '../../domain/source-status';
import { buildResult, sourceRef } from './build-result';
import { offersSearch, supportsBatch } from './capability';
import { checkObjection, objectionsFromConsents, ownConsents, type ObjectionInput } from './check-objection';
import { personSearches } from './person-searches';
import { runSearches, type SearchOutcome } from './run-searches';
import { isCancelled, isRetryable, isUnauthorized, plainReason, problemOf, retryAfterOf } from './source-errors';
import { emptyResult, type SourceResult } from './source-result';
import { summarySearches } from './summary-searches';

export interface RetrieveOptions {
  endpoint: EndpointConfiguration;
  access: EndpointAccess;
  /** Made with getHeaders = access.getHeaders and onUnauthorized = access.reauthorise. */
  transport: FhirTransport;
  identity: PatientIdentity;
  signal?: AbortSignal;
  /** Busy states as they happen: authorising, then loading with the pages so far. */
  onProgress?: (state: SourceState) => void;
  /** The clock for `asOf` (architecture habit 2). */
  now: () => Date;
  /** Milliseconds from any fixed point, for `tookMs`; performance.now by default. */
  elapsed?: () => number;
  /**
   * Whether the server takes a batch, from the caller's cache (the probe sent while the
   * user read the permission question: transport.probe). Without it, `capabilities`.
   */
  probe?: (signal: AbortSignal) => Promise<EndpointProbe>;
  /**
   * The server has not been probed (an organisation only the record locator named): the
   * batch goes at once, as if the server took batch and Composition search, with the probe
   * alongside instead of a round trip before it (docs/adr/0005, decision 8). A batch the
   * server refuses falls back to separate searches (runSearches) unless the probe shows it
   * takes batch; a Composition search the
   * probe does not say is offered is dropped, failed or not, as if never asked.
   */
  optimistic?: boolean;
  /** The endpoint's CapabilityStatement, from the caller's cache; GET metadata by default. */
  capabilities?: (signal: AbortSignal) => Promise<CapabilityStatement>;
  /** How long retrieval waits for a slow probe or `metadata` before searching without batch. */
  metadataGraceMs?: number;
  /**
   * The objection register's Consents and whether the user overrode an objection here.
   * Absent: no register, no override; the organisation's own Consents are still checked.
   */
  objection?: ObjectionInput;
  /**
   * Told when this organisation's answer, already received (the one batch, ADR 0005), is set
   * aside unread because of an objection or an objection that could not be checked: the
   * governance writes that to the audit trail, so it tells an honoured objection from a
   * disclosure. Not called where nothing was received yet.
   */
  onDiscarded?: (why: string) => void;
  /**
   * When `endpoint.timeoutMs` starts to count: retrieval may be prepared before its requests
   * may leave (held behind the permission's storage, docs/adr/0013), and the organisation's
   * time limit is for the organisation, not for that wait. Settled either way, it starts
   * the clock; absent, the clock starts at once.
   */
  timedFrom?: Promise<unknown>;
}

const isPatient = (r: FhirResource): r is Patient => r?.resourceType === 'Patient';

export const NOT_EXPECTED_FORM = 'This organisation’s answer was not in the expected form, so nothing from it is shown';

/** A server that does not do chained search refuses it (400 or 501) or says it is not supported. */
function chainRefused(error: unknown): boolean {
  return isFhirError(error) && error.kind === 'http' && (error.status === 400 || error.status === 501);
}

/** `answer`, or `otherwise` if it has not come within `ms`. */
function within<T>(answer: Promise<T>, ms: number, otherwise: T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(otherwise), ms)));
  return Promise.race([answer, late]).finally(() => clearTimeout(timer));
}

/**
 * One organisation's part of the record, start to finish, as a plain async function so
 * that it is tested without React. Order matters for safety: nothing about the patient is
 * asked for before this endpoint has authorised us, nothing but the identifier search
 * before the patient is matched here (a mismatch excludes the source with its reason),
 * and nothing of their record before the patient's objections are checked (an objection
 * not overridden settles the source as `objected`: check-objection.ts).
 * The whole run is bounded by `endpoint.timeoutMs`: a slow organisation becomes
 * "timed out" instead of holding the page. Never throws for a source's failure (only
 * when the caller cancels); the settled state says what happened.
 */
/** Runs `work` when the page is idle (requestIdleCallback), else after the tasks already queued. */
function whenIdle(work: () => void): void {
  const idle = (globalThis as { requestIdleCallback?: (cb: () => void) => number }).requestIdleCallback;
  if (idle) idle(work);
  else setTimeout(work, 0);
}

export async function retrieveFromEndpoint(opts: RetrieveOptions): Promise<SourceResult> {
  const { endpoint, signal } = opts;
  const controller = new AbortController();
  // The caller's cancel settles at once, whatever the transport does with its signal.
  let rejectCancelled: (reason: unknown) => void = () => undefined;
  const cancelled = new Promise<never>((_resolve, reject) => (rejectCancelled = reject));
  cancelled.catch(() => undefined);
  const cancel = () => {
    controller.abort(signal?.reason);
    rejectCancelled(signal?.reason ?? new DOMException('Cancelled', 'AbortError'));
  };
  if (signal?.aborted) cancel();
  signal?.addEventListener('abort', cancel, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let finished = false;
  const timedOut = new Promise<SourceResult>((resolve) => {
    const startClock = () => {
      if (finished) return;
      timer = setTimeout(() => {
        controller.abort(new DOMException('The endpoint took too long', 'TimeoutError'));
        resolve(emptyResult(endpoint.id, { state: 'timed-out', afterMs: endpoint.timeoutMs }));
      }, endpoint.timeoutMs);
    };
    if (opts.timedFrom) opts.timedFrom.then(startClock, startClock);
    else startClock();
  });
  try {
    // A shape nobody foresaw must end as this source's failure, with a reason, never the page's.
    const run = retrieve(opts, controller.signal).catch((error: unknown): SourceResult => {
      if (isCancelled(signal)) throw error;
      return emptyResult(endpoint.id, { state: 'failed', reason: isFhirError(error) ? plainReason(error) : NOT_EXPECTED_FORM, retryable: isFhirError(error) && isRetryable(error) });
    });
    return await Promise.race([run, timedOut, cancelled]);
  } finally {
    finished = true;
    clearTimeout(timer);
    signal?.removeEventListener('abort', cancel);
  }
}

async function retrieve(opts: RetrieveOptions, signal: AbortSignal): Promise<SourceResult> {
  const { endpoint, access, transport, identity, now } = opts;
  const elapsed = opts.elapsed ?? (() => performance.now());
  const started = elapsed();
  const report = (s: SourceState) => {
    if (!signal.aborted) opts.onProgress?.(s);
  };
  const settled = (status: SourceState, retryAfter?: number) => emptyResult(endpoint.id, status, retryAfter);
  const failed = (error: unknown): SourceResult => {
    if (isCancelled(opts.signal)) throw error;
    const problem = problemOf(error);
    if (isUnauthorized(error)) return settled({ state: 'sign-in-needed', reason: plainReason(error), ...(problem ? { problem } : {}) });
    return settled({ state: 'failed', reason: plainReason(error), retryable: isRetryable(error), ...(problem ? { problem } : {}) }, retryAfterOf(error));
  };

  report({ state: 'authorising' });
  const auth = await access.authorise().catch(() => ({ state: 'failed' as const, reason: `Signing in to ${endpoint.organisationName} failed` }));
  if (auth.state === 'sign-in-needed') return settled(auth);
  if (auth.state !== 'authorised') {
    const reason = auth.state === 'failed' ? auth.reason : `Signing in to ${endpoint.organisationName} did not finish`;
    return settled({ state: 'failed', reason, retryable: true, problem: 'unreachable' });
  }

  // Granted scopes (granted-scope.ts): without reading the Patient and the Consents the
  // patient cannot be matched nor their objections checked, so the source fails closed;
  // a section's search that is not granted is not sent, and the result says which scope is missing.
  const granted = access.grantedScope?.();
  const gate = splitByGrant([{ resourceType: 'Patient' }, { resourceType: 'Consent' }], granted).notGranted;
  if (gate.length > 0) {
    const cannot = gate.map((n) => (n.search.resourceType === 'Patient' ? 'the patient cannot be matched' : 'the patient’s objections cannot be checked'));
    return settled({
      state: 'failed',
      reason: `The sign-in to ${endpoint.organisationName} did not grant ${gate.map((n) => n.scope).join(' or ')}, so ${cannot.join(' and ')} there; none of its records are shown`,
      retryable: false,
      problem: 'not-granted',
    });
  }
  const grantOf = <T extends { resourceType: string }>(searches: T[]) => {
    const split = splitByGrant(searches, granted);
    return { allowed: split.allowed, notGranted: split.notGranted.map((n): NotGranted => ({ type: n.search.resourceType, scope: n.scope })) };
  };

  const pages = new Map<string, number>();
  const onPage = (key: string, p: SearchProgress) => {
    pages.set(key, p.pages);
    report({ state: 'loading', pagesSoFar: [...pages.values()].reduce((a, b) => a + b, 0) });
  };
  report({ state: 'loading', pagesSoFar: 0 });

  const grace = opts.metadataGraceMs ?? 1000;
  // What the server said of itself (the probe, else `metadata`): batch, and Composition search.
  const offered: Promise<{ batch: boolean; composition: boolean }> = (
    opts.probe
      ? opts.probe(signal).then((p) => ({ batch: p.batch, statement: p.statement as unknown }))
      : (opts.capabilities ?? ((s: AbortSignal) => transport.get<CapabilityStatement>('metadata', s)))(signal).then((statement) => ({ batch: supportsBatch(statement), statement: statement as unknown }))
  ).then(
    ({ batch, statement }) => ({ batch, composition: offersSearch(statement, 'Composition') }),
    () => ({ batch: false, composition: false }),
  );
  const NOTHING_OFFERED = { batch: false, composition: false };
  // A refused batch is asked again search by search, except where the probe (a batch of
  // `metadata`, answered) showed the server takes batch: then it refused the searches.
  const fallBack = async () => !opts.probe || !(await within(offered, grace, NOTHING_OFFERED)).batch;
  const objection = opts.objection ?? { registerConsents: [], overridden: false };

  /** Checks the match; then the objections, then the record (from `data`, or asked for now by the local id). */
  const afterMatch = async (
    match: MatchResult,
    candidates: readonly Patient[],
    fetched?: { consent: SearchOutcome<{ path: string }>; data: SearchOutcome[]; notGranted: NotGranted[]; ahead?: NormaliseMemo | undefined },
  ): Promise<SourceResult> => {
    if (match.status === 'excluded') return settled({ state: 'excluded', reason: match.reason });
    if (match.status === 'no-record') {
      return settled({ state: 'no-record', asOf: now().toISOString(), tookMs: Math.round(elapsed() - started) });
    }
    const patientId = match.patientId;
    let registerConsents: readonly unknown[];
    try {
      registerConsents = await objection.registerConsents;
    } catch (error) {
      if (isCancelled(opts.signal)) throw error;
      const why = error instanceof Error && error.message ? ` (${error.message})` : '';
      if (fetched) opts.onDiscarded?.('Not shown: the objection register could not be checked');
      return settled({ state: 'failed', reason: `Could not check the objection register, so none of this organisation’s records are shown${why}`, retryable: true });
    }
    let checked: Awaited<ReturnType<typeof checkObjection>>;
    if (fetched) {
      const { consent } = fetched;
      checked = objectionsFromConsents(endpoint, { ...objection, registerConsents }, consent.ok ? ownConsents(consent.result) : consent, now());
    } else {
      checked = await checkObjection(endpoint, transport, patientId, { ...objection, registerConsents }, { signal, onPage: (p) => onPage('Consent', p), now: now() });
    }
    if (!checked.ok) {
      const f = failed(checked.error);
      if (f.status.state !== 'failed') return f;
      const reason = `Could not check whether the patient objected to sharing this organisation’s records, so none are shown (${f.status.reason})`;
      if (fetched) opts.onDiscarded?.('Not shown: whether the patient objected to sharing this organisation’s records could not be checked');
      return settled({ ...f.status, reason, problem: 'objection-check' }, f.retryAfterSeconds);
    }
    const { objections } = checked;
    if (objections.length > 0 && !objection.overridden) {
      // Anything the batch brought from this organisation is dropped here, unread, and the trail says so.
      if (fetched) {
        const where = [...new Set(objections.map((o) => (o.heldBy === 'register' ? 'the objection register' : 'this organisation')))].join(' and ');
        opts.onDiscarded?.(`Not shown: the patient objects to sharing this organisation’s records (recorded by ${where})`);
      }
      return { ...settled({ state: 'objected', heldBy: [...new Set(objections.map((o) => o.heldBy))] }), objections };
    }
    const offer = fetched ? NOTHING_OFFERED : await within(offered, grace, NOTHING_OFFERED);
    const planned = fetched ? undefined : grantOf(summarySearches(patientId, { composition: offer.composition }));
    const outcomes = fetched?.data ?? (await runSearches(transport, planned?.allowed ?? [], { useBatch: offer.batch, signal, onPage, fallBack }));
    const notGranted = fetched?.notGranted ?? planned?.notGranted ?? [];
    if (isCancelled(opts.signal)) throw opts.signal?.reason ?? new DOMException('Cancelled', 'AbortError');
    const patient = candidates.find((c) => c.id === patientId);
    const ahead = fetched?.ahead;
    const result = buildResult({ endpoint, patientId, patient, outcomes, notGranted, asOf: now().toISOString(), tookMs: Math.round(elapsed() - started), ...(ahead ? { ahead } : {}) });
    return objections.length > 0 ? { ...result, objections, overridden: true } : result;
  };

  // One request: the identifier search, the Consents and every section's searches in one
  // batch, each constrained server-side to the person (docs/adr/0005), where the server
  // takes a batch and the person has a date of birth to constrain by.
  const said = opts.optimistic ? { batch: true, composition: true } : await within(offered, grace, NOTHING_OFFERED);
  const person = personSearches(identity, { composition: said.composition });
  if (person && said.batch) {
    const summary = grantOf(person.summary);
    const searches: { path: string; resourceType: string }[] = [
      { resourceType: 'Patient', path: person.identifier },
      { resourceType: 'Consent', path: person.consent },
      ...summary.allowed,
    ];
    // While a large record's later pages are fetched, its first pages are read ahead
    // (domain/normalise prenormalise): only for an organisation that, on what is already
    // known, shares (the register's Consents and its own, all on their first page, object to
    // nothing); afterMatch still makes every check, on the whole answer, before anything is used.
    let ahead: NormaliseMemo | undefined;
    let read = false;
    const readAhead = (pages: ReadonlyArray<FirstPage | undefined>) => {
      const own = pages[1];
      if (!own?.complete) return;
      Promise.resolve(objection.registerConsents).then((registerConsents) => {
        const checked = objectionsFromConsents(endpoint, { ...objection, registerConsents }, ownConsents(own.result), now());
        if (!checked.ok || checked.objections.length > 0) return;
        // When the page has nothing else to do: never ahead of asking for the later pages, nor of reading other organisations' answers.
        whenIdle(() => {
          if (read || isCancelled(signal)) return;
          ahead = prenormalise(pages.slice(2).flatMap((p) => p?.result.resources ?? []), sourceRef(endpoint));
        });
      }, () => undefined);
    };
    const [found, consent, ...asked] = await runSearches(transport, searches, { useBatch: true, signal, onPage, fallBack, onFirstPages: readAhead });
    // The whole answer is here: what was read ahead by now is used, nothing more is read ahead.
    read = true;
    const readSoFar = ahead;
    if (!found || !consent) return failed(new Error('The batch answer left out a search'));
    // Asked before the server said it offers Composition search: kept only where it does.
    const composition = opts.optimistic ? (await within(offered, grace, NOTHING_OFFERED)).composition : true;
    const data = composition ? asked : asked.filter((o) => o.search.resourceType !== 'Composition');
    if (!found.ok) return failed(found.error);
    const candidates = found.result.resources.filter(isPatient);
    const match = matchPatient(identity, candidates);
    // A server that does not do chained search: match here, then ask by its own id.
    if (!consent.ok && chainRefused(consent.error)) return afterMatch(match, candidates);
    return afterMatch(match, candidates, { consent, data: data as SearchOutcome[], notGranted: summary.notGranted, ahead: readSoFar });
  }

  // Match first, then everything else by the organisation's own patient id.
  let candidates: Patient[];
  try {
    const found = await transport.searchAll(identifierSearch(identity), { signal, onPage: (p) => onPage('Patient', p) });
    candidates = found.resources.filter(isPatient);
  } catch (error) {
    return failed(error);
  }
  return afterMatch(matchPatient(identity, candidates), candidates);
}
