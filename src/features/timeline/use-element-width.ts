import { useCallback, useState } from 'react';
import { flushSync } from 'react-dom';

/**
 * The width of an element, kept current as it resizes (ResizeObserver), so that a
 * drawing can be laid out in real pixels rather than scaled (scaled text shrinks in a
 * narrow frame and swells on a wide screen). `fallback` until measured, or where there
 * is no layout (jsdom).
 *
 * The width is read only inside the observer's callback, after the browser's own layout,
 * never when the element is put in the page: a read there forces a layout of the whole
 * page in React's commit (measured: 50 ms of the time from a typical record's last answer
 * to its painted summary). The observer's first report comes before that frame is
 * painted, and the drawing is redrawn at once (flushSync), so the fallback width is never
 * seen.
 */
export function useElementWidth<T extends HTMLElement>(fallback: number): [(el: T | null) => void, number] {
  const [width, setWidth] = useState(fallback);
  const ref = useCallback(
    (el: T | null) => {
      if (!el || typeof ResizeObserver === 'undefined') return;
      const observer = new ResizeObserver(() => {
        const w = Math.floor(el.clientWidth);
        if (w > 0) flushSync(() => setWidth(w));
      });
      observer.observe(el);
      return () => observer.disconnect();
    },
    [],
  );
  return [ref, width];
}
