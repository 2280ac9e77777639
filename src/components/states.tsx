import type { ReactNode } from 'react';

/** A part of the page that is still loading: announced politely, never an empty box. */
export function Loading({ children }: { children: ReactNode }) {
  return (
    <p className="state state-loading" role="status">
      {children}
    </p>
  );
}

/**
 * A part of the page that failed: what happened and what to do, in plain words. `role=alert`
 * because a missing patient banner changes how far the page can be trusted.
 */
export function ErrorNotice({ title, children, action, technical }: { title: string; children: ReactNode; action?: ReactNode; technical?: string }) {
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">{title}</p>
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
