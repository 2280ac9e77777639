import { useCallback, useState } from 'react';

/**
 * The width of an element, kept current as it resizes (ResizeObserver), so that a
 * drawing can be laid out in real pixels rather than scaled (scaled text shrinks in a
 * narrow frame and swells on a wide screen). `fallback` until measured, or where there
 * is no layout (jsdom).
 */
export function useElementWidth<T extends HTMLElement>(fallback: number): [(el: T | null) => void, number] {
  const [width, setWidth] = useState(fallback);
  const ref = useCallback(
    (el: T | null) => {
      if (!el || typeof ResizeObserver === 'undefined') return;
      const measure = () => {
        const w = Math.floor(el.clientWidth);
        if (w > 0) setWidth(w);
      };
      measure();
      const observer = new ResizeObserver(measure);
      observer.observe(el);
      return () => observer.disconnect();
    },
    [],
  );
  return [ref, width];
}
