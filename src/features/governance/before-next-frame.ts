/**
 * Resolves once the current task and its microtasks are over: at the next animation frame's
 * callbacks (which run before the browser styles, lays out and paints that frame) or at the
 * next timer task, whichever comes first. The audit trail collects the events of every
 * query started in one turn and writes them here: a timer alone runs only after the frame
 * that the turn's render asked for has been painted (30–60 ms behind the queries it audits);
 * an animation frame alone never comes in a hidden page.
 */
export function beforeNextFrame(): Promise<void> {
  return new Promise<void>((resolve) => {
    let done = false;
    const once = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (frame !== undefined) cancelAnimationFrame(frame);
      resolve();
    };
    const timer = setTimeout(once, 0);
    const frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(once) : undefined;
  });
}
