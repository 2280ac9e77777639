/** The Prioritized Task Scheduling API (WICG; Chromium 94+), where the browser has it. */
interface TaskScheduler {
  postTask(callback: () => void, options: { priority: 'user-blocking'; signal?: AbortSignal }): Promise<unknown>;
}

/**
 * Resolves once the current task and its microtasks are over, as early as the browser
 * allows: at a `user-blocking` task (scheduler.postTask), which runs ahead of the tasks
 * already queued (React's render of the same turn among them), or, without that API, at
 * the next animation frame's callbacks (which run before the browser styles, lays out and
 * paints that frame) or at the next timer task, whichever comes first. The audit trail
 * collects the events of every query started in one turn and writes them here: a timer
 * alone runs only after the frame that the turn's render asked for has been painted (30–60
 * ms behind the queries it audits); an animation frame alone never comes in a hidden page.
 */
export function beforeNextFrame(): Promise<void> {
  return new Promise<void>((resolve) => {
    let done = false;
    const stop = typeof AbortController === 'function' ? new AbortController() : undefined;
    const once = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (frame !== undefined) cancelAnimationFrame(frame);
      stop?.abort();
      resolve();
    };
    const timer = setTimeout(once, 0);
    const frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(once) : undefined;
    const scheduler = (globalThis as { scheduler?: Partial<TaskScheduler> }).scheduler;
    if (typeof scheduler?.postTask === 'function') {
      // Aborted once another racer won: its promise then rejects, which is expected.
      scheduler.postTask(once, { priority: 'user-blocking', ...(stop ? { signal: stop.signal } : {}) }).catch(() => undefined);
    }
  });
}
