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
