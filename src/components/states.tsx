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
export function ErrorNotice({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">{title}</p>
      <p>{children}</p>
      {action}
    </div>
  );
}
