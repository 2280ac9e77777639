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
 * The combined view, as a class instance rather than a plain object: TanStack Query's
 * structural sharing of a combined result (replaceEqualDeep in useQueries) would otherwise
 * walk every record of every source, field by field, on each progress report of any
 * source (measured: about 230 ms of a large record's launch). combineSources keeps the
 * parts that did not change by reference itself, which is all that sharing gave.
 */
class Combined implements CombinedSources {
  constructor(
    readonly sources: SourceStatus[],
    readonly records: CareRecord[],
    readonly unreadable: UnreadableRecord[],
    readonly withheld: Record<string, number>,
    readonly objections: Record<string, { objections: Objection[]; overridden: boolean }>,
    /** The arrays `records` and `unreadable` were joined from, to tell whether they changed. */
    readonly parts: readonly (readonly unknown[])[],
  ) {}
}

const sameItems = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const sameEntries = (a: Record<string, unknown>, b: Record<string, unknown>) => sameItems(Object.keys(a), Object.keys(b)) && Object.keys(a).every((k) => a[k] === b[k]);
const sameStatus = (a: SourceStatus, b: SourceStatus) => a.endpointId === b.endpointId && a.organisationName === b.organisationName && a.status === b.status;

/**
 * Every configured organisation appears, in configuration order, as soon as the viewing
 * starts: one still waiting or failed is listed, never left out (a missing line would
 * make the record look whole). A source without an access object is a set-up fault.
 * Records of a source whose latest fetch failed are left out: its status says failed.
 * With `previous` (the last combined view), every part whose inputs are the same objects
 * is that view's part, by reference: a progress report of one source does not make the
 * record new, so nothing built from the records is built again.
 */
export function combineSources(
  endpoints: EndpointConfiguration[],
  views: Map<string, SourceQueryView>,
  progress: Map<string, SourceState>,
  previous?: CombinedSources,
): CombinedSources {
  const sources: SourceStatus[] = [];
  const parts: (readonly unknown[])[] = [];
  const withheld: Record<string, number> = {};
  const objections: CombinedSources['objections'] = {};
  for (const endpoint of endpoints) {
    const view = views.get(endpoint.id);
    const status: SourceState = view
      ? sourceStateOf(view, progress.get(endpoint.id))
      : { state: 'failed', reason: 'This organisation is not set up for signing in', retryable: false, problem: 'set-up' };
    sources.push({ endpointId: endpoint.id, organisationName: endpoint.organisationName, status });
    if (view?.data && !view.error) {
      parts.push(view.data.records, view.data.unreadable);
      if (view.data.withheld > 0) withheld[endpoint.id] = view.data.withheld;
    }
    if (view?.data?.objections?.length) {
      objections[endpoint.id] = { objections: view.data.objections, overridden: view.data.overridden === true };
    }
  }
  const last = previous instanceof Combined ? previous : undefined;
  const sameParts = last !== undefined && sameItems(last.parts, parts);
  const lastObjections = last?.objections;
  // An organisation that answers with nothing for this person adds no item: the joined list
  // is then the last one, by reference, so nothing built from the records is built or drawn again.
  const joined = <T>(previousList: readonly T[] | undefined, odd: 0 | 1): T[] => {
    const list = parts.filter((_, i) => i % 2 === odd).flat() as T[];
    return previousList && sameItems(previousList, list) ? (previousList as T[]) : list;
  };
  return new Combined(
    last && last.sources.length === sources.length && last.sources.every((x, i) => sameStatus(x, sources[i]!)) ? last.sources : sources,
    sameParts ? last.records : joined(last?.records, 0),
    sameParts ? last.unreadable : joined(last?.unreadable, 1),
    last && sameEntries(last.withheld, withheld) ? last.withheld : withheld,
    lastObjections && sameItems(Object.keys(lastObjections), Object.keys(objections)) && Object.keys(objections).every((k) => lastObjections[k]!.objections === objections[k]!.objections && lastObjections[k]!.overridden === objections[k]!.overridden)
      ? lastObjections
      : objections,
    parts,
  );
}
