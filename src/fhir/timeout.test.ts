import { describe, expect, it } from 'vitest';
import { withTimeoutFrom } from './timeout';

const later = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A time limit counted from a moment that may come later (docs/adr/0013): the wait before it is not counted. */
describe('withTimeoutFrom', () => {
  it('does not count the wait before `from` settles, then times out after the limit', async () => {
    let settle: () => void = () => undefined;
    const signal = withTimeoutFrom(undefined, 30, new Promise<void>((r) => (settle = r)));
    await later(80);
    expect(signal.aborted).toBe(false);
    settle();
    await later(10);
    expect(signal.aborted).toBe(false);
    await later(60);
    expect(signal.aborted).toBe(true);
    expect((signal.reason as DOMException).name).toBe('TimeoutError');
  });

  it('counts from a `from` that failed too, and follows the caller’s own signal throughout', async () => {
    const failed = withTimeoutFrom(undefined, 20, Promise.reject(new Error('not stored')));
    await later(60);
    expect(failed.aborted).toBe(true);
    const caller = new AbortController();
    const mine = withTimeoutFrom(caller.signal, 1_000, new Promise(() => undefined));
    caller.abort(new Error('closed'));
    expect(mine.aborted).toBe(true);
  });

  it('is a plain time limit without `from`', async () => {
    const signal = withTimeoutFrom(undefined, 20, undefined);
    await later(60);
    expect(signal.aborted).toBe(true);
  });
});
