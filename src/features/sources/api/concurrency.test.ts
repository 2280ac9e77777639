import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSlots } from './concurrency';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('createSlots', () => {
  it('lets `limit` in at once and the rest in order as slots are released', async () => {
    const slots = createSlots(2);
    const order: number[] = [];
    const releases: (() => void)[] = [];
    for (const n of [1, 2, 3, 4]) void slots.acquire().then((r) => (order.push(n), releases.push(r)));
    await tick();
    expect(order).toEqual([1, 2]);
    releases[0]!();
    releases[0]!(); // a second release of the same slot frees nothing more
    await tick();
    expect(order).toEqual([1, 2, 3]);
    releases[1]!();
    await tick();
    expect(order).toEqual([1, 2, 3, 4]);
  });

  it('drops a waiter whose signal aborts, and rejects it', async () => {
    const slots = createSlots(1);
    const first = await slots.acquire();
    const controller = new AbortController();
    const waiting = slots.acquire(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toBeDefined();
    const third = slots.acquire();
    first();
    await expect(third).resolves.toBeTypeOf('function');
  });

  it('property: never more than `limit` hold a slot, and every acquirer gets one once all release', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 20 }), async (limit, n) => {
        const slots = createSlots(limit);
        let holding = 0;
        let most = 0;
        await Promise.all(
          Array.from({ length: n }, async () => {
            const release = await slots.acquire();
            holding += 1;
            most = Math.max(most, holding);
            await tick();
            holding -= 1;
            release();
          }),
        );
        expect(most).toBeLessThanOrEqual(limit);
        expect(holding).toBe(0);
      }),
      { numRuns: 50 },
    );
  });
});
