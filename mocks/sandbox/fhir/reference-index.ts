/**
 * Medplum's memory repository with an index on the `patient` and `subject` references,
 * as a real FHIR server has: a search naming a patient tests only that patient's
 * resources instead of every resource of the type.
 *
 * Medplum quirk (4.5.2): `MemoryRepository.search` evaluates the search parameter's
 * FHIRPath (`Observation.subject.where(resolve() is Patient)`) on every resource of the
 * type, at every search: what remained of the sandbox's server time once expressions were
 * parsed once (bench/README.md, "The sandbox's server time"). The index holds, for each
 * stored resource, the references medplum's own matcher would see for those parameters
 * (the same expression, evaluated once when the resource is stored, turned into
 * references by medplum's `convertToSearchableReferences`). It only narrows which
 * resources are tested: every candidate goes through medplum's `matchesSearchRequest` with
 * every other filter, and the rest is `MemoryRepository.search`'s own steps (offset,
 * count, total). Where medplum copies every resource it returns (a JSON round trip, so
 * that no caller can change what is stored), this keeps each stored resource frozen, deeply,
 * and returns it as it is: a caller that tried to change one would throw, not change the
 * store. (The copies were the largest part of the sandbox's time on a launch's searches.)
 * Several such filters (a chained search names the patient twice) narrow together.
 * A search it cannot narrow (no plain `patient=`/`subject=` filter, or a sort) is medplum's own.
 */
import {
  convertToSearchableReferences,
  evalFhirPathTyped,
  getSearchParameter,
  matchesSearchRequest,
  Operator,
  splitSearchOnComma,
  toTypedValue,
} from '@medplum/core';
import type { SearchRequest, WithId } from '@medplum/core';
import { MemoryRepository } from '@medplum/fhir-router';
import type { Bundle, Resource } from '@medplum/fhirtypes';

/** The reference parameters the viewer's searches (and the chains) name the patient by. */
const INDEXED = ['patient', 'subject'] as const;

export class ReferenceIndexedRepository extends MemoryRepository {
  /** Per type, each resource as stored, in the order first stored (the order medplum's search keeps). */
  private readonly stored = new Map<string, Map<string, WithId<Resource>>>();
  /** Per type and parameter: reference → ids of the resources that hold it. */
  private readonly index = new Map<string, Map<string, Map<string, Set<string>>>>();

  override async createResource<T extends Resource>(resource: T): Promise<WithId<T>> {
    const created = deepFreeze(await super.createResource(resource));
    const type = created.resourceType;
    let ofType = this.stored.get(type);
    if (!ofType) this.stored.set(type, (ofType = new Map()));
    ofType.set(created.id, created);
    for (const code of INDEXED) {
      const sp = getSearchParameter(type, code);
      if (sp?.type !== 'reference' || !sp.expression) continue;
      const refs = convertToSearchableReferences(evalFhirPathTyped(sp.expression, [toTypedValue(created)]));
      let byCode = this.index.get(type);
      if (!byCode) this.index.set(type, (byCode = new Map()));
      let byRef = byCode.get(code);
      if (!byRef) byCode.set(code, (byRef = new Map()));
      for (const ref of refs) {
        if (!ref) continue;
        let ids = byRef.get(ref);
        if (!ids) byRef.set(ref, (ids = new Set()));
        ids.add(created.id);
      }
    }
    return created;
  }

  /**
   * Every plain `patient=`/`subject=` filter this index can narrow by, and the ids of the
   * resources that pass them all (a resource must pass each filter: the sets intersect);
   * undefined: none. A viewer's chained search has two (`patient.identifier` and
   * `patient.birthdate` each resolve to `patient=` references, engine.ts).
   */
  private narrowing(req: SearchRequest): { filters: NonNullable<SearchRequest['filters']>; ids: Set<string> } | undefined {
    const byCode = this.index.get(req.resourceType);
    const filters = (req.filters ?? []).filter((f) => (INDEXED as readonly string[]).includes(f.code) && f.operator === Operator.EQUALS && f.value !== '' && byCode?.has(f.code));
    if (filters.length === 0) return undefined;
    let ids: Set<string> | undefined;
    for (const filter of filters) {
      const byRef = byCode!.get(filter.code)!;
      const passing = new Set<string>();
      for (const value of splitSearchOnComma(filter.value)) for (const id of byRef.get(value) ?? []) if (!ids || ids.has(id)) passing.add(id);
      ids = passing;
    }
    return { filters, ids: ids! };
  }

  override async search<T extends Resource>(req: SearchRequest<T>): Promise<Bundle<WithId<T>>> {
    const narrowed = req.sortRules?.length ? undefined : this.narrowing(req);
    if (!narrowed) return super.search(req);
    // Every candidate holds each narrowing reference by the same expression medplum's matcher
    // evaluates, so only the other filters are tested again.
    const rest: SearchRequest<T> = { ...req, filters: req.filters?.filter((f) => !narrowed.filters.includes(f)) };
    const result: WithId<T>[] = [];
    for (const [id, resource] of this.stored.get(req.resourceType) ?? []) {
      if (narrowed.ids.has(id) && matchesSearchRequest(resource, rest)) result.push(resource as WithId<T>);
    }
    // As MemoryRepository.search from here: offset, count, total; the stored resources are frozen, not copied.
    let page = result;
    if (req.offset !== undefined) page = page.slice(req.offset);
    if (req.count !== undefined) page = page.slice(0, req.count);
    const entry = page.map((resource) => ({ resource }));
    return { resourceType: 'Bundle', type: 'searchset', entry: entry.length ? entry : undefined, total: result.length };
  }
}

/** Freezes a stored resource and everything in it (it is JSON: objects, arrays and primitives). */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
