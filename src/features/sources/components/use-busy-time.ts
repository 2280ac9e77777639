import { useEffect, useRef, useState } from 'react';
import type { SourceStatus } from '../../../domain/source-status';

const BUSY = new Set(['waiting', 'authorising', 'loading']);
const TICK_MS = 1000;

/** What counts as progress: a new state, or another page read. */
const stepOf = (s: SourceStatus) => `${s.status.state}:${s.status.state === 'loading' ? s.status.pagesSoFar : ''}`;

/**
 * Per endpoint id: how long a busy source (signing in or loading) has gone without any
 * progress, ticking once a second while any source is busy. `clock` is for tests.
 */
export function useBusyTime(sources: SourceStatus[], clock: () => number = Date.now): Record<string, number> {
  const since = useRef(new Map<string, { step: string; at: number }>());
  const [now, setNow] = useState(clock);
  const anyBusy = sources.some((s) => BUSY.has(s.status.state));
  useEffect(() => {
    if (!anyBusy) return;
    const timer = setInterval(() => setNow(clock()), TICK_MS);
    return () => clearInterval(timer);
  }, [anyBusy, clock]);
  const out: Record<string, number> = {};
  for (const s of sources) {
    if (!BUSY.has(s.status.state) || s.status.state === 'waiting') {
      since.current.delete(s.endpointId);
      continue;
    }
    const step = stepOf(s);
    const seen = since.current.get(s.endpointId);
    if (!seen || seen.step !== step) since.current.set(s.endpointId, { step, at: Math.min(now, clock()) });
    out[s.endpointId] = Math.max(0, now - (since.current.get(s.endpointId)?.at ?? now));
  }
  return out;
}
