import { useEffect, useRef } from 'react';

export type SessionEndReason = 'ended-by-user' | 'reloaded';

const TEXT: Record<SessionEndReason, { title: string; happened: string }> = {
  'ended-by-user': {
    title: 'You ended this session',
    happened:
      'The record, and your sign-in to every organisation, have been removed from this viewer. Nothing from this session is kept in this browser.',
  },
  reloaded: {
    title: 'This session has ended',
    happened:
      'For safety, the viewer keeps nothing when its page is reloaded or left: the record and the sign-in were cleared from this browser when the page was reloaded.',
  },
};

/**
 * The page after a session ends, on purpose ("End session") or by reloading: says truthfully
 * that it has ended and how to start again. Focus moves to the heading so that a screen
 * reader user hears what happened.
 */
export function SessionEnded({ reason }: { reason: SessionEndReason }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const text = TEXT[reason];
  return (
    <main className="launch-error session-ended" aria-labelledby="session-ended-title">
      <title>{`${text.title} – My Care Record`}</title>
      <h1 id="session-ended-title" ref={heading} tabIndex={-1}>
        {text.title}
      </h1>
      <p>{text.happened}</p>
      <p>
        <strong>What to do: </strong>
        To see the record again, open it from the patient’s record in your clinical system.
      </p>
    </main>
  );
}

/** Whether this page was reached by reloading (or going back to) it: a session cannot survive that. */
export function wasReloaded(perf: Pick<Performance, 'getEntriesByType'> | undefined = globalThis.performance): boolean {
  const entry = perf?.getEntriesByType?.('navigation')[0] as PerformanceNavigationTiming | undefined;
  return entry?.type === 'reload' || entry?.type === 'back_forward';
}
