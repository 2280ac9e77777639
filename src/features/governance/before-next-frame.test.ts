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
});
