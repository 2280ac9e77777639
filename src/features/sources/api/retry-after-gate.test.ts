import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { holdOff, LONGEST_HONOURED_WAIT_MS, waitForGate } from './retry-after-gate';

afterEach(() => vi.useRealTimers());

describe('Retry-After gate', () => {
  it('holds requests to that endpoint until the server’s Retry-After has passed, and no others', async () => {
    vi.useFakeTimers();
    const client = new QueryClient();
    holdOff(client, 'slow', 5);
    let done = false;
    const waiting = waitForGate(client, 'slow', new AbortController().signal).then(() => (done = true));
    await expect(waitForGate(client, 'other', new AbortController().signal)).resolves.toBeUndefined();
    await vi.advanceTimersByTimeAsync(4_900);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    await waiting;
    expect(done).toBe(true);
  });

  it('is kept per query client, ignores a missing or zero Retry-After and caps a very long one', async () => {
    const a = new QueryClient();
    holdOff(a, 'x', undefined);
    holdOff(a, 'x', 0);
    await expect(waitForGate(a, 'x', new AbortController().signal)).resolves.toBeUndefined();
    vi.useFakeTimers();
    holdOff(a, 'x', 3600);
    await expect(waitForGate(new QueryClient(), 'x', new AbortController().signal)).resolves.toBeUndefined();
    const waiting = waitForGate(a, 'x', new AbortController().signal);
    await vi.advanceTimersByTimeAsync(LONGEST_HONOURED_WAIT_MS + 1);
    await expect(waiting).resolves.toBeUndefined();
  });

  it('gives up waiting when the query is cancelled', async () => {
    const client = new QueryClient();
    holdOff(client, 'slow', 5);
    const controller = new AbortController();
    const waiting = waitForGate(client, 'slow', controller.signal);
    controller.abort(new DOMException('gone', 'AbortError'));
    await expect(waiting).rejects.toThrow('gone');
  });
});
