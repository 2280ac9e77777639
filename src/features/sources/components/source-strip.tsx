import { useId, type ReactNode } from 'react';
import type { SourceStatus } from '../../../domain/source-status';
import type { EndpointAuthState } from '../../../smart/endpoint-access';
import { SignInButton } from './sign-in-button';
import { overallText, stateText } from './source-state-text';

export interface SourceStripProps {
  sources: SourceStatus[];
  /** Per endpoint id: how often the server said it withheld data. */
  withheld?: Record<string, number>;
  onRetry: (endpointId: string) => void;
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
export function SourceStrip({ sources, withheld = {}, onRetry, onSignIn, lineExtra }: SourceStripProps) {
  const headingId = useId();
  return (
    <section className="source-strip" aria-labelledby={headingId}>
      <h2 id={headingId}>Sources</h2>
      <p className="source-overall" role="status">
        {overallText(sources)}
      </p>
      <ul className="source-list">
        {sources.map(({ endpointId, organisationName, status }) => {
          const unreadable = status.state === 'ok' || status.state === 'partial' ? status.unreadable : 0;
          const withdrawn = status.state === 'ok' || status.state === 'partial' ? (status.withdrawn ?? 0) : 0;
          return (
            <li key={endpointId} className={`source source-${status.state}`}>
              <span className="source-name">{organisationName}</span>{' '}
              <span className="source-state">{stateText(status)}</span>
              {(status.state === 'failed' || status.state === 'timed-out') && (
                <button type="button" onClick={() => onRetry(endpointId)} aria-label={`Retry ${organisationName}`}>
                  Retry
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
