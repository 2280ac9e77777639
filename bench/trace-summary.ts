/**
 * BENCH_TRACE=1: a Chromium trace of one more typical launch (not counted), from the
 * permission decision to the painted record, summarised per thread: the time each kind of
 * event took itself (its own duration less that of the events nested in it), so that
 * style, layout, paint, parsing and script show apart (a V8 CPU profile calls all but
 * script "(program)").
 */
import type { TraceEvent } from './drive';

interface ThreadTotals {
  label: string;
  /** Microseconds of top-level work (events with nothing around them). */
  busy: number;
  self: Map<string, number>;
}

/** Self time by event name for each thread, busiest first (equal times by name); `top` names per thread. */
export function summariseTrace(events: TraceEvent[], top = 12): string[] {
  const processNames = new Map<number, string>();
  const threadNames = new Map<string, string>();
  for (const e of events) {
    if (e.ph !== 'M') continue;
    if (e.name === 'process_name') processNames.set(e.pid, String(e.args?.name ?? e.pid));
    if (e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, String(e.args?.name ?? e.tid));
  }
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined) continue;
    const key = `${e.pid}:${e.tid}`;
    const list = byThread.get(key) ?? [];
    list.push(e);
    byThread.set(key, list);
  }
  const threads: ThreadTotals[] = [];
  for (const [key, list] of byThread) {
    list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const totals: ThreadTotals = { label: `${processNames.get(Number(key.split(':')[0])) ?? 'process'} ${key.split(':')[0]} / ${threadNames.get(key) ?? key.split(':')[1]}`, busy: 0, self: new Map() };
    // A stack of open events; each event's self time is its duration less its children's.
    const stack: Array<{ e: TraceEvent; end: number; children: number }> = [];
    const close = (until: number) => {
      while (stack.length && stack[stack.length - 1]!.end <= until) {
        const done = stack.pop()!;
        totals.self.set(done.e.name, (totals.self.get(done.e.name) ?? 0) + Math.max(0, (done.e.dur ?? 0) - done.children));
      }
    };
    for (const e of list) {
      close(e.ts);
      const parent = stack[stack.length - 1];
      if (parent) parent.children += e.dur ?? 0;
      else totals.busy += e.dur ?? 0;
      stack.push({ e, end: e.ts + (e.dur ?? 0), children: 0 });
    }
    close(Infinity);
    threads.push(totals);
  }
  threads.sort((a, b) => b.busy - a.busy);
  const ms = (us: number) => `${(us / 1000).toFixed(1).padStart(7)} ms`;
  const out: string[] = [];
  for (const t of threads.slice(0, 8)) {
    out.push(`${ms(t.busy)}  ${t.label} (top-level events)`);
    for (const [name, us] of [...t.self].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, top)) out.push(`    ${ms(us)}  ${name}`);
  }
  return out;
}
