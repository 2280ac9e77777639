/**
 * At most `limit` organisations retrieved at once; the rest wait their turn in order. At
 * region size (a hundred endpoints after "Ask every organisation", or a failed locator)
 * every organisation at once meant a hundred sign-in frames, batches and audit writes in
 * the same moment: the browser queues six requests per server, the audit writes timed out
 * and the viewer, failing closed, hid the record (hazard H34). Below the limit nothing
 * waits, so a region of eight is unchanged.
 */
export interface Slots {
  /** Resolves with a release function once a slot is free; rejects if `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<() => void>;
}

export function createSlots(limit: number): Slots {
  let busy = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else busy -= 1;
  };
  return {
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason ?? new DOMException('Cancelled', 'AbortError'));
      if (busy < limit) {
        busy += 1;
        return Promise.resolve(once(release));
      }
      return new Promise((resolve, reject) => {
        const go = () => {
          signal?.removeEventListener('abort', cancel);
          resolve(once(release));
        };
        const cancel = () => {
          const i = waiting.indexOf(go);
          if (i >= 0) waiting.splice(i, 1);
          reject(signal?.reason ?? new DOMException('Cancelled', 'AbortError'));
        };
        waiting.push(go);
        signal?.addEventListener('abort', cancel, { once: true });
      });
    },
  };
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}
