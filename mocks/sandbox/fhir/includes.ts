/**
 * _include and _revinclude. Medplum quirk: the 4.5.2 memory repository accepts both
 * and adds nothing, so they are done here. References
 * are found with the parameter's own FHIRPath expression and the reverse side with a
 * real search through the router, so the matching rules stay medplum's.
 */
import { evalFhirPath, getSearchParameter } from '@medplum/core';
import type { Reference, Resource } from 'fhir/r4';
import type { IncludeParam } from './search-query';

/** Upper bound on resources added by one _revinclude, to keep one page bounded. */
export const MAX_REVINCLUDE = 1000;

export type SearchFn = (resourceType: string, query: [string, string][]) => Promise<Resource[]>;
export type ReadFn = (resourceType: string, id: string) => Promise<Resource | undefined>;

const key = (r: Resource) => `${r.resourceType}/${r.id ?? ''}`;

export async function resolveIncludes(
  matches: Resource[],
  include: IncludeParam[],
  revinclude: IncludeParam[],
  read: ReadFn,
  search: SearchFn,
): Promise<Resource[]> {
  const seen = new Set(matches.map(key));
  const added: Resource[] = [];
  const add = (r: Resource | undefined) => {
    if (r && !seen.has(key(r))) {
      seen.add(key(r));
      added.push(r);
    }
  };
  for (const inc of include) {
    const expression = getSearchParameter(inc.source, inc.code)?.expression;
    if (!expression) continue;
    for (const m of matches) {
      for (const value of evalFhirPath(expression, m)) {
        const ref = (value as Reference | undefined)?.reference;
        const [type, id, ...rest] = ref?.split('/') ?? [];
        if (!type || !id || rest.length > 0 || ref?.startsWith('#')) continue;
        if (inc.target && inc.target !== type) continue;
        add(await read(type, id));
      }
    }
  }
  for (const rev of revinclude) {
    const targets = matches.filter((m) => !rev.target || rev.target === m.resourceType).map(key);
    if (targets.length === 0) continue;
    const found = await search(rev.source, [[rev.code, targets.join(',')], ['_count', String(MAX_REVINCLUDE)]]);
    found.forEach(add);
  }
  return added;
}
