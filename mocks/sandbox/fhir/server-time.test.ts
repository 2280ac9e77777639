import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bundle, FhirResource, Resource } from 'fhir/r4';
import { generateWorld, type SyntheticWorld } from '../../data/world';
import { sandboxTopology } from '../topology';
import { createFhirEngine, type FhirEngine } from './engine';
import { loadDefinitions, setPreParsedExpressions } from './definitions';
import { personSearches } from '../../../src/features/sources/person-searches';
import { summarySearches } from '../../../src/features/sources/summary-searches';
import { consentSearch } from '../../../src/features/sources/check-objection';

/**
 * The sandbox's two shortcuts for server time (bench/README.md, "The sandbox's server
 * time") change no answer: search parameter expressions parsed once (definitions.ts)
 * instead of for every resource, and chain resolutions remembered by an engine
 * (engine.ts). Checked on the synthetic world, against the data itself and against
 * medplum left to parse every time with nothing remembered.
 */
const BASE = 'http://localhost:9999/fhir';
const topology = sandboxTopology(19400);
let world: SyntheticWorld;

beforeAll(() => {
  world = generateWorld({ topology });
  loadDefinitions();
});
afterAll(() => setPreParsedExpressions(true));

const subjectOf = (r: FhirResource) => ((r as { subject?: { reference?: string } }).subject ?? (r as { patient?: { reference?: string } }).patient)?.reference;
const matchIds = (b: Bundle) => (b.entry ?? []).filter((e) => e.search?.mode === 'match').map((e) => `${e.resource?.resourceType}/${e.resource?.id}`).sort();

/** What the viewer asks one endpoint about one person: its one batch, then by the local id. */
function viewerSearches(world: SyntheticWorld, key: string, endpointId: string): string[] {
  const person = world.people.find((p) => p.key === key)!;
  const composition = (world.byEndpoint[endpointId] ?? []).some((r) => r.resourceType === 'Composition');
  const batch = personSearches({ nhsNumber: person.nhsNumber, birthDate: person.birthDate } as never, { composition })!;
  const local = person.patientIds[endpointId];
  const others = world.people.filter((p) => p.key !== key && p.patientIds[endpointId]).map((p) => p.patientIds[endpointId]!).slice(-2);
  const byId = local
    ? [
        consentSearch(local),
        ...summarySearches(local, { composition }).map((s) => s.path),
        // Paging, sorting and a reverse include, as other clients (and the transport's next pages) ask.
        `Observation?patient=${local}&_count=3&_offset=2`,
        `Encounter?patient=${local}&_sort=-date&_count=5`,
        `Patient?_id=${local}&_revinclude=Encounter:subject`,
        // What the reference index (reference-index.ts) must narrow right or leave to medplum.
        // Two people of this endpoint in one OR list, and one of another endpoint.
        `Encounter?subject=Patient/${others[0]},Patient/${local},Patient/elsewhere&_count=1000`,
        `Condition?patient=${others[1]},${local}&_count=1000`,
        `Encounter?subject:not=Patient/${local}&_count=1000`,
        `Observation?patient:missing=false&patient=${local}&_count=1000`,
        `Flag?patient=${local}&status=active`,
      ]
    : [];
  return [batch.identifier, batch.consent, ...batch.summary.map((s) => s.path), ...byId];
}

async function answers(engine: FhirEngine, urls: string[]): Promise<string[]> {
  return Promise.all(urls.map(async (u) => JSON.stringify(await engine.get(u, BASE))));
}

describe("the sandbox engine's shortcuts change no answer", () => {
  it("answers the viewer's searches for the typical patient with exactly her records, by her number and date of birth", async () => {
    const margaret = world.people.find((p) => p.key === 'whitfield-margaret')!;
    for (const [endpointId, localId] of Object.entries(margaret.patientIds)) {
      const resources = world.byEndpoint[endpointId]!;
      const engine = await createFhirEngine(resources);
      const paths = personSearches({ nhsNumber: margaret.nhsNumber, birthDate: margaret.birthDate } as never)!.summary.map((s) => s.path);
      for (const path of paths) {
        const type = path.slice(0, path.indexOf('?'));
        // Expected from the data: every resource of the type whose subject or patient is her record here.
        const expected =
          type === 'Patient'
            ? [`Patient/${localId}`]
            : resources.filter((r) => r.resourceType === type && subjectOf(r) === `Patient/${localId}`).map((r) => `${type}/${r.id}`).sort();
        const r = await engine.get(path, BASE);
        expect(r.status, path).toBe(200);
        expect(matchIds(r.body as Bundle), `${endpointId} ${path}`).toEqual(expected);
        expect((r.body as Bundle).total, `${endpointId} ${path}`).toBe(expected.length);
      }
    }
  });

  it('answers every search the viewer sends, for the hard cases at every endpoint, as medplum parsing every time and remembering nothing', { timeout: 60_000 }, async () => {
    const keys = [...new Set(['whitfield-margaret', ...Object.values(world.cases)])].filter((k): k is string => typeof k === 'string');
    expect(keys.length).toBeGreaterThanOrEqual(6);
    const endpointIds = topology.endpoints.map((e) => e.id);
    const urls = new Map(endpointIds.map((id) => [id, keys.flatMap((k) => viewerSearches(world, k, id))]));

    setPreParsedExpressions(false);
    const plain = new Map<string, string[]>();
    for (const id of endpointIds) plain.set(id, await answers(await createFhirEngine(world.byEndpoint[id] ?? [], { rememberChains: false, indexReferences: false }), urls.get(id)!));

    setPreParsedExpressions(true);
    let found = 0;
    for (const id of endpointIds) {
      const engine = await createFhirEngine(world.byEndpoint[id] ?? []);
      // Twice: the second time the chains are remembered.
      for (const round of [1, 2]) {
        const fast = await answers(engine, urls.get(id)!);
        fast.forEach((a, i) => expect(a, `${id} round ${round}: ${urls.get(id)![i]}`).toBe(plain.get(id)![i]));
      }
      found += plain.get(id)!.filter((a) => a.includes('"mode":"match"')).length;
    }
    // Not a comparison of empty answers.
    expect(found).toBeGreaterThan(100);
  });

  it('remembers each chain by its own value: two people one after the other each get their own records', async () => {
    const resources = world.byEndpoint['riverside-gp']!;
    const engine = await createFhirEngine(resources);
    const people = world.people.filter((p) => p.patientIds['riverside-gp']).slice(0, 4);
    expect(people.length).toBe(4);
    for (const round of [1, 2]) {
      for (const p of people) {
        const path = personSearches({ nhsNumber: p.nhsNumber, birthDate: p.birthDate } as never)!.summary.find((s) => s.resourceType === 'Encounter')!.path;
        const expected = resources.filter((r) => r.resourceType === 'Encounter' && subjectOf(r) === `Patient/${p.patientIds['riverside-gp']}`).map((r) => `Encounter/${r.id}`).sort();
        const b = (await engine.get(path, BASE)).body as Bundle;
        // A large record comes in pages of at most 500 (search-query.ts MAX_COUNT).
        expect(b.total, `round ${round}, ${p.key}`).toBe(expected.length);
        expect(matchIds(b).length, `round ${round}, ${p.key}`).toBe(Math.min(expected.length, 500));
        expect(matchIds(b).every((id) => expected.includes(id)), `round ${round}, ${p.key}`).toBe(true);
      }
    }
  });

  it('answers a mistaken chain value with a 400 every time, not with a remembered empty answer', async () => {
    const engine = await createFhirEngine(world.byEndpoint['riverside-gp']! as Resource[]);
    for (let i = 0; i < 2; i++) {
      const r = await engine.get('Encounter?patient.birthdate=not-a-date', BASE);
      expect(r.status).toBe(400);
    }
  });
});
