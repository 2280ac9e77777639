import { useEffect, useRef } from 'react';

/**
 * Moves focus to an element when it first appears, so that after an action (recording a
 * decision, a reveal, an override, a failure that hides the record) keyboard and screen
 * reader users land on what changed instead of the page body (WCAG 2.4.3 focus order).
 * The element gets tabIndex -1 from the caller; `when` false leaves focus where it is.
 */
export function useFocusOnMount<T extends HTMLElement>(when = true) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (when) ref.current?.focus();
  }, [when]);
  return ref;
}
