import type { ReactNode } from 'react';
import { useFocusOnMount } from './focus-on-mount';

/** A part of the page that is still loading: announced politely, never an empty box. */
export function Loading({ children }: { children: ReactNode }) {
  return (
    <p className="state state-loading" role="status">
      {children}
    </p>
  );
}

/**
 * A part of the page that failed (`focus`: it replaced what the user was acting on, so
 * focus moves to its title): what happened and what to do, in plain words. `role=alert`
 * because a missing patient banner changes how far the page can be trusted.
 */
export function ErrorNotice({ title, children, action, technical, focus = false }: { title: string; children: ReactNode; action?: ReactNode; technical?: string; focus?: boolean }) {
  const ref = useFocusOnMount<HTMLParagraphElement>(focus);
  return (
    <div className="state state-error" role="alert">
      <p className="state-title" ref={ref} tabIndex={focus ? -1 : undefined}>
        {title}
      </p>
      <p>{children}</p>
      {technical && <TechnicalDetail>{technical}</TechnicalDetail>}
      {action}
    </div>
  );
}

/** The technical reason for support staff, folded away (NHS details component). */
export function TechnicalDetail({ children, label = 'Technical detail' }: { children: ReactNode; label?: string }) {
  return (
    <details className="nhsuk-details state-technical">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">{label}</span>
      </summary>
      <div className="nhsuk-details__text">
        <p>{children}</p>
      </div>
    </details>
  );
}
