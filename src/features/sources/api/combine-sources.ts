import type { EndpointConfiguration } from '../../../config/types';
import type { Objection } from '../../../domain/policy/objection';
import type { CareRecord, UnreadableRecord } from '../../../domain/records';
import type { SourceState, SourceStatus } from '../../../domain/source-status';
import { SourceFailure, type SourceResult } from '../source-result';

/** The parts of a query result the record needs (UseQueryResult narrows to this). */
export interface SourceQueryView {
  data?: SourceResult;
  error: unknown;
  isFetching: boolean;
}

export interface CombinedSources {
  sources: SourceStatus[];
  /** Records of every source that has answered and has not since failed, in configuration order. */
  records: CareRecord[];
  unreadable: UnreadableRecord[];
  /** Per endpoint id: how many times the server said it withheld data. */
  withheld: Record<string, number>;
  /**
   * Per endpoint id: the patient's objections to sharing that organisation's records, and
   * whether what is shown was retrieved under an emergency override.
   */
  objections: Record<string, { objections: Objection[]; overridden: boolean }>;
}

const BUSY = new Set<SourceState['state']>(['waiting', 'authorising', 'loading']);

function failureState(error: unknown): SourceState {
  if (error instanceof SourceFailure) return error.state;
  return { state: 'failed', reason: 'An unexpected error stopped the search', retryable: true };
}

/**
 * One source's state as the user should see it: busy while a fetch (or retry) runs, with
 * the progress its query function reported; else the failure, or the settled result.
 */
export function sourceStateOf(view: SourceQueryView | undefined, progress: SourceState | undefined): SourceState {
  if (!view) return { state: 'waiting' };
  if (view.isFetching) return progress && BUSY.has(progress.state) ? progress : { state: 'waiting' };
  if (view.error) return failureState(view.error);
  return view.data?.status ?? { state: 'waiting' };
}

/**
 * Every configured organisation appears, in configuration order, as soon as the viewing
 * starts: one still waiting or failed is listed, never left out (a missing line would
 * make the record look whole). A source without an access object is a set-up fault.
 * Records of a source whose latest fetch failed are left out: its status says failed.
 */
export function combineSources(
  endpoints: EndpointConfiguration[],
  views: Map<string, SourceQueryView>,
  progress: Map<string, SourceState>,
): CombinedSources {
  const out: CombinedSources = { sources: [], records: [], unreadable: [], withheld: {}, objections: {} };
  for (const endpoint of endpoints) {
    const view = views.get(endpoint.id);
    const status: SourceState = view
      ? sourceStateOf(view, progress.get(endpoint.id))
      : { state: 'failed', reason: 'This organisation is not set up for signing in', retryable: false, problem: 'set-up' };
    out.sources.push({ endpointId: endpoint.id, organisationName: endpoint.organisationName, status });
    if (view?.data && !view.error) {
      out.records.push(...view.data.records);
      out.unreadable.push(...view.data.unreadable);
      if (view.data.withheld > 0) out.withheld[endpoint.id] = view.data.withheld;
    }
    if (view?.data?.objections?.length) {
      out.objections[endpoint.id] = { objections: view.data.objections, overridden: view.data.overridden === true };
    }
  }
  return out;
}
