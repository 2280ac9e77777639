import type { FhirResource, OperationOutcome } from 'fhir/r4';
import type { EndpointConfiguration } from '../../config/types';
import { normaliseResources, type NormaliseMemo } from '../../domain/normalise';
import { ENTERED_IN_ERROR } from '../../domain/normalise/guard';
import type { CareRecord, SourceRef } from '../../domain/records';
import type { NotGranted, SourceState } from '../../domain/source-status';
import type { SearchOutcome } from './run-searches';
import { isRetryable, isUnauthorized, plainReason, problemOf, retryAfterOf } from './source-errors';
import { emptyResult, type SourceResult } from './source-result';

export interface BuildResultInput {
  endpoint: EndpointConfiguration;
  patientId: string;
  /** The matched Patient: its security labels govern every record of this source. */
  patient?: unknown;
  outcomes: SearchOutcome[];
  asOf: string;
  tookMs: number;
  /** Searches not sent because the granted scopes do not allow them (granted-scope.ts). */
  notGranted?: NotGranted[];
  /** Records read ahead from the first pages (domain/normalise prenormalise): the same records, sooner. */
  ahead?: NormaliseMemo;
}

export function sourceRef(endpoint: EndpointConfiguration): SourceRef {
  return { endpointId: endpoint.id, organisationName: endpoint.organisationName, odsCode: endpoint.odsCode };
}

/** The same resource can come twice (a Medication included by two searches): keep one. */
function distinct(resources: FhirResource[]): FhirResource[] {
  const seen = new Set<string>();
  return resources.filter((r) => {
    const id = r.id === undefined ? undefined : `${r.resourceType}/${r.id}`;
    if (id === undefined) return true;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

function countByKind(records: CareRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of records) counts[r.kind] = (counts[r.kind] ?? 0) + 1;
  return counts;
}

function withheldIssues(outcomes: OperationOutcome[]): number {
  return outcomes.reduce((n, o) => n + (Array.isArray(o?.issue) ? o.issue : []).filter((i) => i?.code === 'suppressed').length, 0);
}

/** The technical line for searches not granted: which scopes are missing. */
export function notGrantedText(notGranted: readonly NotGranted[]): string {
  return `Not granted by the sign-in, so not asked for: ${notGranted.map((n) => `${n.type} (needs ${n.scope})`).join(', ')}`;
}

export function droppedText(n: number): string {
  return n === 1 ? '1 record about another patient was dropped' : `${n} records about another patient were dropped`;
}

/**
 * Turns the searches' outcomes into the source's settled result. Records about anyone but
 * the matched patient are dropped by the normaliser and make the source partial: a server
 * that answers about the wrong person is not to be trusted as complete. Every search
 * failing is a failure of the source, with the first reason and whether a retry may help.
 */
export function buildResult({ endpoint, patientId, patient, outcomes, asOf, tookMs, notGranted = [], ahead }: BuildResultInput): SourceResult {
  const failures = outcomes.filter((o) => !o.ok);
  const results = outcomes.flatMap((o) => (o.ok ? [o.result] : []));
  const firstError = failures[0]?.ok === false ? failures[0].error : undefined;
  // Nothing sent because nothing was granted is a partial answer that says so, not a failure to retry.
  if (results.length === 0 && !(failures.length === 0 && notGranted.length > 0)) {
    const problem = problemOf(firstError);
    const status: SourceState =
      failures.length > 0 && failures.every((f) => !f.ok && isUnauthorized(f.error))
        ? { state: 'sign-in-needed', reason: plainReason(firstError), ...(problem ? { problem } : {}) }
        : { state: 'failed', reason: plainReason(firstError), retryable: isRetryable(firstError), ...(problem ? { problem } : {}) };
    return emptyResult(endpoint.id, status, retryAfterOf(firstError));
  }

  const serverOutcomes = results.flatMap((r) => r.outcomes);
  const { records, unreadable, wrongSubject } = normaliseResources(distinct(results.flatMap((r) => r.resources)), {
    source: sourceRef(endpoint),
    patientId,
    baseUrl: endpoint.fhirBaseUrl,
    ...(patient !== undefined ? { patient } : {}),
  }, ahead);
  const counts = countByKind(records);
  // Entries the source itself withdrew (entered in error) are left out and said so, not counted as unreadable.
  const withdrawn = unreadable.filter((u) => u.problem === ENTERED_IN_ERROR).length;
  const notRead = unreadable.length - withdrawn;
  const extra = withdrawn > 0 ? { withdrawn } : {};
  const reasons = [
    ...new Set(failures.map((f) => (f.ok ? '' : plainReason(f.error)))),
    ...(wrongSubject > 0 ? [droppedText(wrongSubject)] : []),
    ...(notGranted.length > 0 ? [notGrantedText(notGranted)] : []),
  ];
  const status: SourceState =
    reasons.length === 0
      ? { state: 'ok', counts, tookMs, asOf, unreadable: notRead, ...extra }
      : {
          state: 'partial',
          counts,
          failed: failures.map((f) => f.search.resourceType),
          ...(notGranted.length > 0 ? { notGranted } : {}),
          reason: reasons.join('; '),
          asOf,
          unreadable: notRead,
          ...extra,
        };
  return { endpointId: endpoint.id, status, records, unreadable, withheld: withheldIssues(serverOutcomes), outcomes: serverOutcomes };
}
