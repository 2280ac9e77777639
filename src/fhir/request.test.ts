import { describe, expect, it } from 'vitest';
import { createSender } from './request';

const URL_ = 'http://localhost:8440/fhir';
const stored = () => new Response(JSON.stringify({ resourceType: 'Bundle', type: 'batch-response', entry: [] }), { status: 200, headers: { 'content-type': 'application/fhir+json' } });

/** `onSent`: the audit trail's "sent" (its queries leave only after it), so only once fetch has the request. */
describe('createSender: onSent', () => {
  it('is called once the request is handed to fetch, before its answer', async () => {
    const log: string[] = [];
    let answer: (r: Response) => void = () => undefined;
    const send = createSender({
      getHeaders: async () => ({ Authorization: 'Bearer t' }),
      fetch: () => {
        log.push('fetch');
        return new Promise<Response>((r) => (answer = r));
      },
    });
    const done = send(URL_, { method: 'POST', body: {}, onSent: () => log.push('sent') }).then(() => log.push('answered'));
    await new Promise((r) => setTimeout(r, 5));
    expect(log).toEqual(['fetch', 'sent']);
    answer(stored());
    await done;
    expect(log).toEqual(['fetch', 'sent', 'answered']);
  });

  it('is not called when there is no token to send, nor when the time ran out while it was fetched', async () => {
    const sent: string[] = [];
    const noToken = createSender({ getHeaders: () => Promise.reject(new Error('no sign-in')), fetch: async () => stored() });
    await expect(noToken(URL_, { method: 'POST', body: {}, onSent: () => sent.push('no token') })).rejects.toMatchObject({ kind: 'unauthorized' });

    const stop = new AbortController();
    let fetched = false;
    const slowToken = createSender({
      getHeaders: async () => {
        stop.abort(new DOMException('The operation timed out.', 'TimeoutError'));
        return { Authorization: 'Bearer t' };
      },
      fetch: async () => ((fetched = true), stored()),
    });
    await expect(slowToken(URL_, { method: 'POST', body: {}, signal: stop.signal, onSent: () => sent.push('timed out') })).rejects.toBeDefined();
    expect(fetched).toBe(false);
    expect(sent).toEqual([]);
  });
});
