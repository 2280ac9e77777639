import { answeredInFull, completeness, type SourceState, type SourceStatus } from '../../../domain/source-status';
import { searchLabels } from '../summary-searches';

/** `0.8`, `15`: seconds with at most one decimal. */
export function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const itemCount = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** One source's state in words, as the status strip shows it. */
export function stateText(status: SourceState): string {
  switch (status.state) {
    case 'waiting':
      return 'Waiting';
    case 'authorising':
      return 'Signing in';
    case 'loading':
      return status.pagesSoFar > 0 ? `Loading (${plural(status.pagesSoFar, 'page', 'pages')})` : 'Loading';
    case 'ok':
      return `Up to date · ${plural(itemCount(status.counts), 'item', 'items')} · ${seconds(status.tookMs)} s`;
    case 'partial':
      return status.failed.length > 0
        ? `Some searches failed: ${searchLabels(status.failed).join(', ')} (${status.reason}) · ${plural(itemCount(status.counts), 'item', 'items')} shown`
        : `Incomplete: ${status.reason} · ${plural(itemCount(status.counts), 'item', 'items')} shown`;
    case 'failed':
      return `Failed: ${status.reason}`;
    case 'timed-out':
      return `Timed out after ${seconds(status.afterMs)} s`;
    case 'no-record':
      return 'No record for this patient';
    case 'excluded':
      return `Not included: ${status.reason}`;
    case 'sign-in-needed':
      return `Sign-in needed: ${status.reason}`;
    case 'objected':
      return 'The patient has objected to sharing records from this organisation: nothing from it is shown';
  }
}

const SHORT: Partial<Record<SourceState['state'], string>> = {
  partial: 'incomplete',
  failed: 'failed',
  'timed-out': 'timed out',
  excluded: 'not included',
  'sign-in-needed': 'sign-in needed',
  objected: 'patient objected',
};

/**
 * The one line that says whether the record on screen is whole. "Complete" only when
 * every organisation answered in full (domain completeness()): an incomplete record must
 * never look complete (hazard log: incomplete record shown as complete).
 */
export function overallText(sources: SourceStatus[]): string {
  const state = completeness(sources);
  if (state === 'complete') return `Complete: all ${plural(sources.length, 'organisation', 'organisations')} answered`;
  if (state === 'in-progress') {
    const busy = sources.filter((s) => ['waiting', 'authorising', 'loading'].includes(s.status.state));
    return `Still loading: ${busy.map((s) => s.organisationName).join(', ')}`;
  }
  if (sources.length === 0) return 'Incomplete record: no organisations are set up';
  const gaps = sources.filter((s) => !answeredInFull(s)).map((s) => `${s.organisationName} (${SHORT[s.status.state] ?? s.status.state})`);
  return `Incomplete record: ${gaps.join(', ')}`;
}
