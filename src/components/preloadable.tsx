import { lazy, type ComponentType, type ReactElement } from 'react';

export interface Preloadable<P> {
  /** Starts loading the module (once); resolves when the component can be drawn without waiting. */
  preload(): Promise<void>;
  /**
   * The component: drawn at once when its module is already loaded; otherwise it suspends
   * like React.lazy (put it inside a Suspense boundary) until the module arrives.
   */
  Component: (props: P) => ReactElement;
}

/**
 * A code-split component that, once preloaded, renders without suspending.
 *
 * React.lazy suspends on its first render even when the module is already in memory (its
 * factory's promise has not been awaited yet), so its Suspense fallback is committed; and
 * React 19 then holds the commit of the real content until 300 ms after that fallback was
 * shown (react-dom's FALLBACK_THROTTLE_MS). A record section loaded while the user read the
 * permission question would still cost those 300 ms after the data arrived. This keeps the
 * loaded component and draws it directly; React.lazy is only the path for a module that is
 * not there yet.
 */
export function preloadable<P extends object>(load: () => Promise<ComponentType<P>>): Preloadable<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<void> | undefined;
  const preload = (): Promise<void> =>
    (loading ??= load().then(
      (component) => {
        loaded = component;
      },
      (error: unknown) => {
        loading = undefined; // a failed chunk may be asked for again
        throw error;
      },
    ));
  const Lazy = lazy(() => preload().then(() => ({ default: loaded! })));
  function Component(props: P): ReactElement {
    const Loaded = loaded;
    return Loaded ? <Loaded {...props} /> : <Lazy {...props} />;
  }
  return { preload, Component };
}
