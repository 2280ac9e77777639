/**
 * Checks and normalises a search query before it reaches @medplum/fhir-router, so that
 * paging has the defaults this sandbox promises (FHIR R4 search.html) and a mistaken
 * query is a 400 with an explanation.
 *
 * Medplum quirk (4.5.2 memory repository): an unknown parameter, a chained parameter
 * (`patient.identifier=`) and a bad `_count` all answer 200 with an empty or unpaged
 * Bundle, which a viewer would show as "no records". Without `_count` it returns every
 * match in one page. Chained parameters are therefore taken apart here (`chains`) and
 * resolved by the engine (engine.ts) with a search of the referenced type.
 */
import { getSearchParameter, isResourceType } from '@medplum/core';
import { FhirError } from './outcome';

export const DEFAULT_COUNT = 50;
export const MAX_COUNT = 500;

/** Accepted and not passed on: they change only the presentation, or we always do them. */
const IGNORED = new Set(['_total', '_elements', '_format', '_pretty']);

export interface IncludeParam {
  source: string;
  code: string;
  target?: string;
}

/**
 * One chained parameter (FHIR R4 search.html#chaining): `ref[:Type].param=value` matches
 * resources whose `ref` points at a `Type` that matches `param=value`. Each chained
 * parameter is its own condition, ANDed with the others like any parameter.
 */
export interface ChainParam {
  /** The reference search parameter on the searched type, e.g. `patient`. */
  reference: string;
  /** Types the reference may point to that have `param` (one when a `:Type` modifier is given). */
  targets: string[];
  /** The parameter on the target, with its own modifier if any, e.g. `identifier`, `birthdate`. */
  param: string;
  value: string;
}

export interface NormalisedSearch {
  resourceType: string;
  /** Filters and _sort, as medplum will see them (without _count/_offset). */
  filters: [string, string][];
  /** What paging links repeat: filters, _sort, _include, _revinclude, _summary. */
  linkParams: [string, string][];
  count: number;
  offset: number;
  include: IncludeParam[];
  revinclude: IncludeParam[];
  summaryCount: boolean;
  chains: ChainParam[];
}

function wholeNumber(name: string, raw: string): number {
  if (!/^\d+$/.test(raw)) throw new FhirError(400, 'invalid', `${name} must be a whole number, got "${raw}"`);
  return Number(raw);
}

function includeParam(kind: string, raw: string, resourceType: string): IncludeParam {
  const [source = '', code = '', target] = raw.split(':');
  if (raw === '*' || code === '*') throw new FhirError(400, 'not-supported', `${kind}=* is not supported; name the parameter`);
  const sp = isResourceType(source) ? getSearchParameter(source, code) : undefined;
  if (!sp || sp.type !== 'reference') throw new FhirError(400, 'invalid', `${kind}=${raw}: no reference search parameter "${code}" on ${source}`);
  if (kind === '_include' && source !== resourceType) throw new FhirError(400, 'invalid', `_include=${raw} must start with the searched type ${resourceType}`);
  if (target !== undefined && !isResourceType(target)) throw new FhirError(400, 'invalid', `${kind}=${raw}: unknown target type ${target}`);
  return { source, code, ...(target ? { target } : {}) };
}

/**
 * Medplum quirk: its memory repository matches reference parameters only against
 * `Type/id`, so `patient=123` (a bare id, allowed by FHIR when the target type is
 * known) found nothing. Bare ids become `Target/id` (several targets: an OR list), the
 * `:Type` modifier is folded in, and absolute URLs on this server become relative.
 */
function normaliseReferences(value: string, targets: readonly string[], baseUrl: string): string {
  return value
    .split(',')
    .map((v) => (v.startsWith(`${baseUrl}/`) ? v.slice(baseUrl.length + 1) : v))
    .map((v) => (v.includes('/') || targets.length === 0 ? v : targets.map((t) => `${t}/${v}`).join(',')))
    .join(',');
}

/** `patient.identifier`, `subject:Patient.birthdate`: one level of chaining, checked against the definitions. */
function chainParam(resourceType: string, key: string, value: string): ChainParam {
  const dot = key.indexOf('.');
  const [reference = '', type] = key.slice(0, dot).split(':');
  const param = key.slice(dot + 1);
  const [paramName = ''] = param.split(':');
  if (param.includes('.')) throw new FhirError(400, 'not-supported', `${key}: only one level of chaining is supported`);
  const sp = getSearchParameter(resourceType, reference);
  if (!sp || sp.type !== 'reference') throw new FhirError(400, 'invalid', `${key}: no reference search parameter "${reference}" on ${resourceType}`);
  if (type !== undefined && !(sp.target ?? []).includes(type as never)) throw new FhirError(400, 'invalid', `${key}: "${reference}" does not refer to ${type}`);
  const targets = (type ? [type] : (sp.target ?? [])).filter((t) => isResourceType(t) && getSearchParameter(t, paramName));
  if (targets.length === 0) throw new FhirError(400, 'invalid', `${key}: no search parameter "${paramName}" on what "${reference}" refers to`);
  return { reference, targets, param, value };
}

export function normaliseSearch(resourceType: string, query: URLSearchParams, baseUrl: string): NormalisedSearch {
  const out: NormalisedSearch = {
    resourceType, filters: [], linkParams: [], count: DEFAULT_COUNT, offset: 0, include: [], revinclude: [], summaryCount: false, chains: [],
  };
  for (const [key, value] of query) {
    if (key === '_count') out.count = Math.min(wholeNumber(key, value), MAX_COUNT);
    else if (key === '_offset') out.offset = wholeNumber(key, value);
    else if (IGNORED.has(key)) continue;
    else if (key === '_summary') {
      if (value === 'count') out.summaryCount = true;
      if (value === 'count') out.linkParams.push([key, value]);
    } else if (key === '_include' || key === '_revinclude') {
      (key === '_include' ? out.include : out.revinclude).push(includeParam(key, value, resourceType));
      out.linkParams.push([key, value]);
    } else if (key.startsWith('_include:') || key.startsWith('_revinclude:')) {
      throw new FhirError(400, 'not-supported', `${key} is not supported (no :iterate)`);
    } else if (key === '_sort') {
      for (const rule of value.split(',')) {
        if (!getSearchParameter(resourceType, rule.replace(/^-/, ''))) throw new FhirError(400, 'invalid', `Cannot sort ${resourceType} by "${rule}"`);
      }
      out.filters.push([key, value]);
      out.linkParams.push([key, value]);
    } else {
      if (key.startsWith('_has')) throw new FhirError(400, 'not-supported', `Reverse-chained search (${key}) is not supported`);
      if (key.includes('.')) {
        out.chains.push(chainParam(resourceType, key, value));
        out.linkParams.push([key, value]);
        continue;
      }
      const [name = '', modifier] = key.split(':');
      const sp = getSearchParameter(resourceType, name);
      if (!sp) throw new FhirError(400, 'invalid', `Unknown search parameter "${name}" for ${resourceType}`);
      let k = key;
      let v = value;
      if (sp.type === 'reference' && (modifier === undefined || isResourceType(modifier))) {
        k = name;
        v = normaliseReferences(value, modifier ? [modifier] : (sp.target ?? []), baseUrl);
      }
      out.filters.push([k, v]);
      out.linkParams.push([k, v]);
    }
  }
  if (out.summaryCount) out.count = 0;
  return out;
}

/** `a=1&b=2` with FHIR's reserved characters (| , :) percent-encoded. */
export function queryString(params: [string, string][]): string {
  return new URLSearchParams(params).toString();
}
