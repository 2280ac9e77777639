/**
 * A read-only FHIR engine over @medplum/fhir-router's in-memory repository: real FHIR
 * search semantics from medplum, with this sandbox's checks, paging links and includes
 * around it. Pure (no HTTP): the handler gives it a path relative to the base.
 */
import { getStatus, isOk, isResourceType } from '@medplum/core';
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';
import type { FhirRequest } from '@medplum/fhir-router';
import type { Resource as MedplumResource } from '@medplum/fhirtypes';
import type { Bundle, OperationOutcome, Resource } from 'fhir/r4';
import { loadDefinitions } from './definitions';
import { FhirError, failure, type FhirResult } from './outcome';
import { normaliseSearch, queryString, type ChainParam } from './search-query';
import { searchset } from './paging';
import { resolveIncludes } from './includes';
import { ReferenceIndexedRepository } from './reference-index';

/** meta.lastUpdated for seeded resources that have none: fixed, so responses are repeatable. */
export const SEEDED_AT = '2026-11-01T00:00:00Z';
/** Most targets one chained parameter may match (a chain on an identifier matches one or two). */
const MAX_CHAIN_TARGETS = 100;
/** Chain resolutions an engine remembers (engine.ts chainTargets). */
const MAX_REMEMBERED_CHAINS = 1000;

export interface FhirEngine {
  /** Resource types present in the seed data. */
  readonly resourceTypes: readonly string[];
  /**
   * One read interaction. `relativeUrl` is the path below the base with its query and no
   * leading slash ('Patient/123', 'Encounter?patient=123'); `baseUrl` is used for
   * fullUrls and paging links.
   */
  get(relativeUrl: string, baseUrl: string): Promise<FhirResult>;
}

export interface FhirEngineOptions {
  /** Remember chain resolutions (default true); false only to compare with (tests, bench/sandbox-server-time.ts). */
  rememberChains?: boolean;
  /** Index the patient and subject references (reference-index.ts; default true); false only to compare with. */
  indexReferences?: boolean;
}

export async function createFhirEngine(resources: Resource[], options: FhirEngineOptions = {}): Promise<FhirEngine> {
  const rememberChains = options.rememberChains ?? true;
  loadDefinitions();
  const repo = (options.indexReferences ?? true) ? new ReferenceIndexedRepository() : new MemoryRepository();
  const router = new FhirRouter();
  for (const r of resources) {
    // Medplum quirk: createResource stamps a random versionId and the current time; fix
    // both so responses are repeatable. It keeps a given id and meta.security (checked
    // in engine.test.ts).
    const meta = { versionId: '1', lastUpdated: SEEDED_AT, ...r.meta };
    await repo.createResource({ ...r, meta } as MedplumResource);
  }

  /** Medplum quirk: FhirRequest wants `url` without a leading slash, and `pathname` empty. */
  async function route(url: string): Promise<[OperationOutcome, Resource | undefined]> {
    const req: FhirRequest = { method: 'GET', url, pathname: '', params: {}, query: {}, body: undefined };
    const [outcome, body] = await router.handleRequest(req, repo);
    return [outcome as OperationOutcome, body as Resource | undefined];
  }

  async function searchRaw(resourceType: string, params: [string, string][]): Promise<Bundle> {
    const [outcome, body] = await route(`${resourceType}?${queryString(params)}`);
    if (!isOk(outcome as never)) throw new FhirError(getStatus(outcome as never), 'invalid', diagnostics(outcome));
    return body as Bundle;
  }

  /**
   * A chained parameter as a plain reference filter: the references (`Type/id`) of every
   * target that matches `param=value`. Undefined when none does: the search then matches
   * nothing (FHIR R4 search.html#chaining), rather than everything.
   */
  async function resolveChain(chain: ChainParam): Promise<[string, string] | undefined> {
    const refs: string[] = [];
    for (const target of chain.targets) refs.push(...(await chainTargets(target, chain.param, chain.value)));
    return refs.length > 0 ? [chain.reference, refs.join(',')] : undefined;
  }

  /**
   * The references (`Type/id`) of the resources of `target` that match `param=value`, by a
   * search of that type. Remembered: the repository is never written after the seeding
   * above (this engine only reads), so the same search always finds the same resources,
   * and the viewer's batch asks the same two chains (`patient.identifier`,
   * `patient.birthdate`) in every one of its entries. At most MAX_REMEMBERED_CHAINS
   * are kept; the oldest is forgotten first.
   */
  const chainCache = new Map<string, Promise<string[]>>();
  function chainTargets(target: string, param: string, value: string): Promise<string[]> {
    const find = () =>
      searchRaw(target, [[param, value], ['_count', String(MAX_CHAIN_TARGETS)]]).then((found) =>
        (found.entry ?? []).flatMap((e) => (e.resource?.id ? [`${target}/${e.resource.id}`] : [])),
      );
    if (!rememberChains) return find();
    const key = JSON.stringify([target, param, value]);
    let refs = chainCache.get(key);
    if (!refs) {
      refs = find();
      // A failed search (a bad value: 400) is not remembered; its error reaches this request.
      refs.catch(() => chainCache.delete(key));
      if (chainCache.size >= MAX_REMEMBERED_CHAINS) chainCache.delete(chainCache.keys().next().value!);
      chainCache.set(key, refs);
    }
    return refs;
  }

  async function search(resourceType: string, query: URLSearchParams, baseUrl: string): Promise<FhirResult> {
    const s = normaliseSearch(resourceType, query, baseUrl);
    const chained: [string, string][] = [];
    for (const chain of s.chains) {
      const filter = await resolveChain(chain);
      if (!filter) return { status: 200, body: searchset(baseUrl, s, 0, [], []) };
      chained.push(filter);
    }
    const page = await searchRaw(resourceType, [...s.filters, ...chained, ['_count', String(s.count)], ['_offset', String(s.offset)]]);
    const matches = (page.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
    const included = await resolveIncludes(
      matches, s.include, s.revinclude,
      async (type, id) => {
        const [outcome, body] = await route(`${type}/${id}`);
        return isOk(outcome as never) ? body : undefined;
      },
      async (type, params) => (await searchRaw(type, params)).entry?.flatMap((e) => (e.resource ? [e.resource] : [])) ?? [],
    );
    return { status: 200, body: searchset(baseUrl, s, page.total ?? matches.length, matches, included) };
  }

  async function read(path: string): Promise<FhirResult> {
    const [outcome, body] = await route(path);
    if (!isOk(outcome as never) || !body) {
      const status = getStatus(outcome as never);
      return failure(status, status === 404 ? 'not-found' : 'processing', `${path}: ${diagnostics(outcome)}`);
    }
    return { status: 200, body, headers: { etag: `W/"${body.meta?.versionId ?? '1'}"` } };
  }

  return {
    resourceTypes: [...new Set(resources.map((r) => r.resourceType))].sort(),
    async get(relativeUrl, baseUrl) {
      const q = relativeUrl.indexOf('?');
      const path = q < 0 ? relativeUrl : relativeUrl.slice(0, q);
      const query = new URLSearchParams(q < 0 ? '' : relativeUrl.slice(q + 1));
      const [type, id, ...rest] = path.split('/').filter(Boolean);
      try {
        // Medplum quirk: an unknown resource type searches to an empty 200 Bundle.
        if (!type) throw new FhirError(400, 'not-supported', 'Search across all types is not supported: search one resource type');
        if (!isResourceType(type)) throw new FhirError(404, 'not-supported', `Unknown resource type "${type}"`);
        if (id === undefined) return await search(type, query, baseUrl);
        if (rest.length === 0 || (rest[0] === '_history' && rest.length <= 2)) return await read(path);
        throw new FhirError(404, 'not-found', `No route for ${path}`);
      } catch (err) {
        if (err instanceof FhirError) return err.toResult();
        throw err;
      }
    },
  };
}

function diagnostics(outcome: OperationOutcome): string {
  const issue = outcome.issue?.[0];
  return issue?.diagnostics ?? issue?.details?.text ?? 'error';
}
