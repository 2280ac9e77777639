import { answeredInFull, completeness, type SourceProblem, type SourceState, type SourceStatus } from '../../../domain/source-status';
import { searchLabels } from '../summary-searches';

/** `0.8`, `15`: seconds with at most one decimal. */
export function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const itemCount = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/**
 * A busy source that has shown no progress for this long is said to be "Not answering":
 * a healthy regional endpoint answers its first request within a second or two, and a
 * clinician should not be told "Signing in" for the whole of the time limit.
 */
export const NOT_ANSWERING_AFTER_MS = 4000;

/**
 * One source's state as a clinician reads it: what happened (`summary`, a few words), what
 * to do (`advice`, a sentence or two), and the technical detail for support staff
 * (`technical`, shown in a disclosure: the server's own words, a status code).
 */
export interface SourceMessage {
  summary: string;
  advice?: string;
  technical?: string;
  /** Whether asking again may help: the strip offers "Try again". */
  retry: boolean;
}

const IT = 'If it keeps happening, contact your IT service desk.';
const IT_DETAIL = 'Trying again will not help: contact your IT service desk and give them the technical detail below.';

function failedMessage(problem: SourceProblem | undefined, org: string, reason: string, retryable: boolean): SourceMessage {
  const technical = reason;
  switch (problem) {
    case 'unreachable':
      return { summary: 'Cannot be reached', advice: `The viewer could not connect to ${org}. Its system may be down, or the network may be blocking it. Try again in a few minutes. ${IT}`, technical, retry: true };
    case 'not-answering':
      return { summary: 'Not answering', advice: `${org} did not answer in time, so none of its records are shown. Try again. ${IT}`, technical, retry: true };
    case 'server-error':
      return { summary: 'Its system had a problem', advice: `${org}’s system reported a fault and sent no records. Try again in a few minutes. ${IT}`, technical, retry: true };
    case 'busy':
      return { summary: 'Busy', advice: `${org}’s system is busy and asked the viewer to wait before asking again. Try again in a minute.`, technical, retry: true };
    case 'refused':
      return { summary: 'Request refused', advice: `${org}’s system refused the request, so none of its records are shown. ${IT_DETAIL}`, technical, retry: retryable };
    case 'unreadable':
      return {
        summary: 'Answer could not be read',
        advice: `${org} sent an answer the viewer cannot read safely, so none of its records are shown rather than showing them wrongly. ${IT_DETAIL}`,
        technical,
        retry: retryable,
      };
    case 'objection-check':
      return { summary: 'Objections could not be checked', advice: `The viewer could not check whether the patient objected to sharing ${org}’s records, so none are shown. Try again. ${IT}`, technical, retry: true };
    case 'not-granted':
      return {
        summary: 'Access not granted',
        advice: `${org} did not grant the viewer what it needs to match the patient and check their objections, so none of its records are shown. Trying again will not help: contact your IT service desk and give them the technical detail below.`,
        technical,
        retry: false,
      };
    case 'set-up':
      return { summary: 'Not set up', advice: `${org} is not set up correctly in this viewer. Contact your IT service desk.`, technical, retry: false };
    default:
      return { summary: 'Could not be retrieved', advice: `None of ${org}’s records are shown. ${retryable ? 'Try again. ' : ''}${IT}`, technical, retry: retryable };
  }
}

/**
 * One source's state in plain English. `busyForMs` is how long a busy source has gone
 * without progress: past NOT_ANSWERING_AFTER_MS it is "Not answering", from that moment
 * rather than only when the time limit runs out.
 */
export function sourceMessage(status: SourceState, org: string, busyForMs = 0): SourceMessage {
  const hanging = busyForMs >= NOT_ANSWERING_AFTER_MS;
  const stillWaiting = `${org} has not answered for ${Math.floor(busyForMs / 1000)} seconds. The viewer keeps waiting for a while; if it still does not answer you can try again.`;
  switch (status.state) {
    case 'waiting':
      return { summary: 'Waiting', retry: false };
    case 'authorising':
      return hanging ? { summary: 'Not answering', advice: stillWaiting, technical: 'No answer yet to signing in', retry: false } : { summary: 'Signing in', retry: false };
    case 'loading':
      if (hanging) return { summary: 'Not answering', advice: stillWaiting, technical: `No answer yet (${plural(status.pagesSoFar, 'page', 'pages')} read so far)`, retry: false };
      return { summary: status.pagesSoFar > 0 ? `Loading (${plural(status.pagesSoFar, 'page', 'pages')})` : 'Loading', retry: false };
    case 'ok':
      return { summary: `Up to date · ${plural(itemCount(status.counts), 'item', 'items')} · ${seconds(status.tookMs)} s`, retry: false };
    case 'partial': {
      const shown = plural(itemCount(status.counts), 'item', 'items');
      const notGranted = status.notGranted ?? [];
      if (status.failed.length > 0 || notGranted.length > 0) {
        const advice = [
          ...(status.failed.length > 0 ? [`Not retrieved from ${org}: ${searchLabels(status.failed).join(', ')}. What did arrive is shown. Try again to fetch the rest.`] : []),
          ...(notGranted.length > 0
            ? [
                `${org} did not grant the viewer access to ${searchLabels(notGranted.map((n) => n.type)).join(', ')} (missing scope ${notGranted.map((n) => n.scope).join(', ')}), so they are not shown. ` +
                  'Trying again will not help: ask your IT service desk to have the scope granted.',
              ]
            : []),
        ];
        return { summary: `Some records missing · ${shown} shown`, advice: advice.join(' '), technical: status.reason, retry: status.failed.length > 0 };
      }
      return { summary: `Incomplete: ${status.reason} · ${shown} shown`, advice: 'These records are left out and not shown: they may belong to someone else.', retry: false };
    }
    case 'failed':
      return failedMessage(status.problem, org, status.reason, status.retryable);
    case 'timed-out':
      return {
        summary: 'Not answering',
        advice: `${org} did not answer within ${seconds(status.afterMs)} seconds, so none of its records are shown. Try again. ${IT}`,
        technical: `Timed out after ${seconds(status.afterMs)} s`,
        retry: true,
      };
    case 'no-record':
      return { summary: 'No record for this patient', retry: false };
    case 'excluded':
      return { summary: 'Not included', advice: `${status.reason}. Nothing from ${org} is shown, because it may be about someone else. Check the patient’s details with ${org}.`, retry: false };
    case 'sign-in-needed':
      return status.problem === 'rejected-sign-in'
        ? { summary: 'Sign-in needed', advice: `${org} no longer accepts your sign-in (it may have expired). Sign in again to see its records.`, technical: status.reason, retry: false }
        : { summary: 'Sign-in needed', advice: status.reason, retry: false };
    case 'objected':
      return { summary: 'Patient objected', advice: 'The patient has objected to sharing records from this organisation: nothing from it is shown', retry: false };
  }
}

/** One source's state in one line of words (summary, then advice). */
export function stateText(status: SourceState, org = 'This organisation', busyForMs = 0): string {
  const m = sourceMessage(status, org, busyForMs);
  return m.advice ? `${m.summary}: ${m.advice}` : m.summary;
}

const SHORT: Partial<Record<SourceState['state'], string>> = {
  partial: 'incomplete',
  failed: 'not retrieved',
  'timed-out': 'not answering',
  excluded: 'not included',
  'sign-in-needed': 'sign-in needed',
  objected: 'patient objected',
};

/** Sources whose "Try again" may help: failed or not answering (a refusal only if retryable). */
export function retryableSources(sources: SourceStatus[]): SourceStatus[] {
  return sources.filter((s) => (s.status.state === 'failed' || s.status.state === 'timed-out' || s.status.state === 'partial') && sourceMessage(s.status, s.organisationName).retry);
}

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
