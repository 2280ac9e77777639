/**
 * The signal for one endpoint's request: the caller's (TanStack Query cancels with it)
 * combined with the endpoint's time limit (EndpointConfiguration.timeoutMs). The
 * transport reports the time limit as kind 'timeout' because AbortSignal.timeout aborts
 * with a TimeoutError (DOM Standard).
 */
export function withTimeout(signal: AbortSignal | undefined, timeoutMs: number): AbortSignal {
  const timeout = AbortSignal.timeout(timeoutMs);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}

/**
 * As withTimeout, with the time counted from when `from` settles (either way): for work
 * prepared before it may leave (held behind the permission's storage, docs/adr/0013),
 * whose limit is for the service, not for that wait.
 */
export function withTimeoutFrom(signal: AbortSignal | undefined, timeoutMs: number, from: Promise<unknown> | undefined): AbortSignal {
  if (!from) return withTimeout(signal, timeoutMs);
  const clock = new AbortController();
  const start = () => setTimeout(() => clock.abort(new DOMException('The operation timed out.', 'TimeoutError')), timeoutMs);
  from.then(start, start);
  return signal ? AbortSignal.any([signal, clock.signal]) : clock.signal;
}

/** The promise's value, or the signal's abort, whichever comes first (a wait no longer than its caller's). */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(signal.reason as Error);
    signal.addEventListener('abort', stop, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}
