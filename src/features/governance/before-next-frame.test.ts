import { afterEach, describe, expect, it, vi } from 'vitest';
import { beforeNextFrame } from './before-next-frame';

describe('beforeNextFrame', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('resolves at the next animation frame when that comes before a timer task (a frame is due after a render)', async () => {
    vi.useFakeTimers();
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    vi.stubGlobal('cancelAnimationFrame', vi.fn());
    let done = false;
    const waiting = beforeNextFrame().then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    frames[0]!(0);
    await waiting;
    expect(done).toBe(true);
    // The timer it raced with was cleared: nothing is left to run.
    expect(vi.getTimerCount()).toBe(0);
  });

  it('resolves at the next timer task when no frame comes (a hidden page draws no frames)', async () => {
    vi.useFakeTimers();
    const cancelled = vi.fn();
    vi.stubGlobal('requestAnimationFrame', () => 7);
    vi.stubGlobal('cancelAnimationFrame', cancelled);
    let done = false;
    const waiting = beforeNextFrame().then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(0);
    await waiting;
    expect(done).toBe(true);
    expect(cancelled).toHaveBeenCalledWith(7);
  });

  it('waits for the current task to end, not only its microtasks', async () => {
    vi.stubGlobal('requestAnimationFrame', undefined);
    const order: string[] = [];
    const waiting = beforeNextFrame().then(() => order.push('flushed'));
    for (let i = 0; i < 20; i += 1) await Promise.resolve();
    order.push('microtasks over');
    await waiting;
    expect(order).toEqual(['microtasks over', 'flushed']);
  });

  it('resolves at a user-blocking task where the browser has scheduler.postTask: ahead of the frame and the timer', async () => {
    vi.useFakeTimers();
    const tasks: Array<{ callback: () => void; priority: string; signal?: AbortSignal }> = [];
    vi.stubGlobal('requestAnimationFrame', () => 3);
    const cancelledFrames = vi.fn();
    vi.stubGlobal('cancelAnimationFrame', cancelledFrames);
    vi.stubGlobal('scheduler', {
      postTask: (callback: () => void, options: { priority: string; signal?: AbortSignal }) => {
        tasks.push({ callback, ...options });
        return new Promise<void>(() => undefined);
      },
    });
    let done = false;
    const waiting = beforeNextFrame().then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    expect(tasks.map((t) => t.priority)).toEqual(['user-blocking']);
    tasks[0]!.callback();
    await waiting;
    expect(done).toBe(true);
    // The frame and the timer it raced with are cancelled.
    expect(cancelledFrames).toHaveBeenCalledWith(3);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('withdraws its user-blocking task when the frame comes first', async () => {
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    vi.stubGlobal('cancelAnimationFrame', vi.fn());
    const signals: AbortSignal[] = [];
    vi.stubGlobal('scheduler', {
      postTask: (_callback: () => void, options: { signal?: AbortSignal }) => {
        if (options.signal) signals.push(options.signal);
        return new Promise<void>(() => undefined);
      },
    });
    const waiting = beforeNextFrame();
    frames[0]!(0);
    await waiting;
    expect(signals.map((s) => s.aborted)).toEqual([true]);
  });
});
