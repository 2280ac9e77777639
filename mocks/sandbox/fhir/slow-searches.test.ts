import { describe, expect, it } from 'vitest';
import type { FhirEngine } from './engine';
import { isSearch, slowSearches } from './handler';
import { processBatch } from './batch';

/** The bench's slow-server profile: every search costs server time; a batch's searches run concurrently. */
const instant: FhirEngine = { resourceTypes: [], get: async (url) => ({ status: 200, body: { resourceType: 'Bundle', type: 'searchset', id: url } as never }) };

describe('slowSearches', () => {
  it('tells searches from reads', () => {
    expect(isSearch('Encounter?patient=1')).toBe(true);
    expect(isSearch('Encounter')).toBe(true);
    expect(isSearch('Patient/1')).toBe(false);
    expect(isSearch('metadata')).toBe(false);
  });

  it('delays each search by the server time, reads not at all, and a batch by one search’s time', async () => {
    const engine = slowSearches(instant, 150);
    let t = performance.now();
    await engine.get('Patient/1', 'http://x/fhir');
    expect(performance.now() - t).toBeLessThan(100);
    t = performance.now();
    await engine.get('Flag?patient=1', 'http://x/fhir');
    expect(performance.now() - t).toBeGreaterThanOrEqual(140);
    t = performance.now();
    const batch = { resourceType: 'Bundle', type: 'batch', entry: ['Flag?patient=1', 'Encounter?patient=1', 'CarePlan?patient=1'].map((url) => ({ request: { method: 'GET', url } })) };
    const r = await processBatch(batch, engine, 'http://x/fhir');
    const took = performance.now() - t;
    expect(took).toBeGreaterThanOrEqual(140);
    expect(took).toBeLessThan(3 * 150);
    // In request order.
    expect((r.body as unknown as { entry: { resource: { id: string } }[] }).entry.map((e) => e.resource.id)).toEqual(['Flag?patient=1', 'Encounter?patient=1', 'CarePlan?patient=1']);
  });
});
