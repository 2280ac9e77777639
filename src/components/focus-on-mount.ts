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

/**
 * Focus to the element with this id when the component mounts: a form that takes the place
 * of the button that opened it starts at its first field, instead of leaving focus on the
 * page body with the removed button (WAI-ARIA APG disclosure pattern; WCAG 2.4.3).
 */
export function useFocusIdOnMount(id: string) {
  useEffect(() => {
    document.getElementById(id)?.focus();
  }, [id]);
}

/**
 * The other half: the button that opened such a form. `ref` goes on the button; call
 * `returnFocus()` when the form is cancelled, and focus goes back to the button once it is
 * drawn again. (After the form's action succeeds, focus goes to what changed instead.)
 */
export function useReturnFocus<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const pending = useRef(false);
  useEffect(() => {
    if (pending.current && ref.current) {
      pending.current = false;
      ref.current.focus();
    }
  });
  return {
    ref,
    returnFocus: () => {
      pending.current = true;
    },
  };
}
