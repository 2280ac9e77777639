import type { QueryClient } from '@tanstack/react-query';

/**
 * Retry-After kept per endpoint (RFC 9110 §10.2.3; RFC 6585 §4 for 429): when a server
 * has said "not before", no request goes to it before then, whether the retry is the
 * query's automatic one or the user's Retry pressed at once. An overloaded regional
 * server must not be hammered by every open viewer. Kept per QueryClient (one per app),
 * in memory only.
 */
const gates = new WeakMap<QueryClient, Map<string, number>>();

/** The longest wait honoured for one Retry: past this the user's click is a new request. */
export const LONGEST_HONOURED_WAIT_MS = 60_000;

function gateOf(client: QueryClient): Map<string, number> {
  let gate = gates.get(client);
  if (!gate) gates.set(client, (gate = new Map()));
  return gate;
}

/** Records the server's Retry-After for the endpoint, counted from `nowMs`. */
export function holdOff(client: QueryClient, endpointId: string, retryAfterSeconds: number | undefined, nowMs = Date.now()): void {
  if (retryAfterSeconds === undefined || !(retryAfterSeconds > 0)) return;
  gateOf(client).set(endpointId, nowMs + Math.min(retryAfterSeconds * 1000, LONGEST_HONOURED_WAIT_MS));
}

/** Resolves when the endpoint may be asked again; rejects if the query is cancelled first. */
export function waitForGate(client: QueryClient, endpointId: string, signal: AbortSignal, nowMs = Date.now()): Promise<void> {
  const until = gateOf(client).get(endpointId) ?? 0;
  const ms = until - nowMs;
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}
