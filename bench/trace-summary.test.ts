import { describe, expect, it } from 'vitest';
import type { TraceEvent } from './drive';
import { summariseTrace } from './trace-summary';

const meta = (pid: number, tid: number, kind: 'process_name' | 'thread_name', name: string): TraceEvent => ({ name: kind, cat: '__metadata', ph: 'M', pid, tid, ts: 0, args: { name } });
// Durations in microseconds, as Chromium writes them.
const x = (name: string, tid: number, ts: number, dur: number): TraceEvent => ({ name, cat: 'devtools.timeline', ph: 'X', pid: 1, tid, ts, dur });

describe('summariseTrace', () => {
  it('gives each kind of event its own time, less what is nested in it, and the thread its top-level time', () => {
    const lines = summariseTrace([
      meta(1, 0, 'process_name', 'Renderer'),
      meta(1, 11, 'thread_name', 'CrRendererMain'),
      meta(1, 12, 'thread_name', 'Compositor'),
      // RunTask 0–10 ms holds FunctionCall 2–5 ms and Layout 6–8 ms; Layout holds UpdateLayoutTree 6.5–7.5 ms.
      x('RunTask', 11, 0, 10_000),
      x('FunctionCall', 11, 2_000, 3_000),
      x('Layout', 11, 6_000, 2_000),
      x('UpdateLayoutTree', 11, 6_500, 1_000),
      // A second task after the first: top-level again.
      x('RunTask', 11, 20_000, 4_000),
      x('RunTask', 12, 0, 1_000),
      // Not complete events: ignored.
      { name: 'Instant', cat: 'x', ph: 'I', pid: 1, tid: 11, ts: 1_000 },
    ]);
    expect(lines).toEqual([
      '   14.0 ms  Renderer 1 / CrRendererMain (top-level events)',
      '        9.0 ms  RunTask',
      '        3.0 ms  FunctionCall',
      '        1.0 ms  Layout',
      '        1.0 ms  UpdateLayoutTree',
      '    1.0 ms  Renderer 1 / Compositor (top-level events)',
      '        1.0 ms  RunTask',
    ]);
  });

  it('names a thread without metadata by its ids', () => {
    expect(summariseTrace([x('Paint', 7, 0, 2_500)])).toEqual(['    2.5 ms  process 1 / 7 (top-level events)', '        2.5 ms  Paint']);
  });
});
