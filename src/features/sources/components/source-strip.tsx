import { useId, type ReactNode } from 'react';
import type { SourceStatus } from '../../../domain/source-status';
import type { EndpointAuthState } from '../../../smart/endpoint-access';
import { SignInButton } from '../../../components/sign-in-button';
import { overallText, retryableSources, sourceMessage } from './source-state-text';
import { useBusyTime } from './use-busy-time';

export interface SourceStripProps {
  sources: SourceStatus[];
  /** Per endpoint id: how often the server said it withheld data. */
  withheld?: Record<string, number>;
  onRetry: (endpointId: string) => void;
  /** Asks every organisation again whose "Try again" may help. */
  onRetryAll?: () => void;
  onSignIn: (endpointId: string) => Promise<EndpointAuthState>;
  /**
   * More for one organisation's line, from outside this feature: the app puts the
   * governance notes here (items withheld, reveal, shown under override).
   */
  lineExtra?: (endpointId: string) => ReactNode;
}

const withdrawnText = (n: number) =>
  n === 1 ? '1 entry was marked entered in error by this organisation and is not shown' : `${n} entries were marked entered in error by this organisation and are not shown`;

const unreadableText = (n: number) =>
  n === 1 ? '1 record could not be read and is not shown' : `${n} records could not be read and are not shown`;

/**
 * Every organisation asked, with its state in words, and one line saying whether the
 * record is complete. The overall line is a polite live region so that assistive
 * technology hears when the record becomes complete or incomplete. Server text (reasons)
 * is rendered as text only.
 */
export function SourceStrip({ sources, withheld = {}, onRetry, onRetryAll, onSignIn, lineExtra }: SourceStripProps) {
  const headingId = useId();
  const busy = useBusyTime(sources);
  const retryable = retryableSources(sources);
  return (
    <section className="source-strip" aria-labelledby={headingId}>
      <h2 id={headingId}>Sources</h2>
      <p className="source-overall" role="status" id={`${headingId}-overall`} tabIndex={-1}>
        {overallText(sources)}
      </p>
      {onRetryAll && retryable.length > 1 && (
        <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small source-retry-all" onClick={(e) => {
            (e.currentTarget.ownerDocument.getElementById(`${headingId}-overall`) as HTMLElement | null)?.focus();
            onRetryAll();
          }}>
          {`Try again for all ${retryable.length} organisations`}
        </button>
      )}
      <ul className="source-list">
        {sources.map(({ endpointId, organisationName, status }) => {
          const unreadable = status.state === 'ok' || status.state === 'partial' ? status.unreadable : 0;
          const message = sourceMessage(status, organisationName, busy[endpointId] ?? 0);
          const hanging = message.summary === 'Not answering';
          const withdrawn = status.state === 'ok' || status.state === 'partial' ? (status.withdrawn ?? 0) : 0;
          return (
            <li key={endpointId} tabIndex={-1} className={`source source-${status.state}${hanging ? ' source-hanging' : ''}`}>
              <span className="source-name">{organisationName}</span>{' '}
              <span className="source-state">{message.summary}</span>
              {message.advice && <p className="source-advice">{message.advice}</p>}
              {message.technical && (
                <details className="nhsuk-details source-technical">
                  <summary className="nhsuk-details__summary">
                    <span className="nhsuk-details__summary-text">
                      Technical detail
                    </span>
                  </summary>
                  <div className="nhsuk-details__text">
                    <p>{message.technical}</p>
                  </div>
                </details>
              )}
              {message.retry && (
                <button
                  type="button"
                  className="nhsuk-button nhsuk-button--secondary nhsuk-button--small source-retry"
                  onClick={(e) => {
                    // The button goes while the organisation is asked again: focus stays on its line.
                    e.currentTarget.closest('li')?.focus();
                    onRetry(endpointId);
                  }}
                  aria-label={`Try again for ${organisationName}`}
                >
                  Try again
                </button>
              )}
              {status.state === 'sign-in-needed' && (
                <SignInButton organisationName={organisationName} onSignIn={() => onSignIn(endpointId)} />
              )}
              {unreadable > 0 && <p className="source-note">{unreadableText(unreadable)}</p>}
              {withdrawn > 0 && <p className="source-note">{withdrawnText(withdrawn)}</p>}
              {(withheld[endpointId] ?? 0) > 0 && <p className="source-note">This organisation withheld some records.</p>}
              {lineExtra?.(endpointId)}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
