/**
 * The one place a normaliser's failure becomes an UnreadableRecord. Every normaliser
 * runs inside `guard`, so none can throw: a resource from another organisation's server
 * may be any shape, and one bad resource must never hide the rest of the record.
 */
import type { FhirResource } from 'fhir/r4';
import type { CareRecord, NormaliseResult, SourceRef } from '../records';
import { Unreadable, readDateOrDrop } from './fhir-values';

/** The fields every record shares (RecordBase in records.ts). */
export type RecordBaseFields = Pick<CareRecord, 'key' | 'source' | 'lastUpdated' | 'original'>;

export const ENTERED_IN_ERROR = 'Entered in error at source';
export const NO_ID = 'No id, so the record cannot be referred to';

/** `${endpointId}/${resourceType}/${id}`: unique across sources, since ids repeat between servers. */
export function recordKey(source: SourceRef, resourceType: string, id: string | undefined): string {
  return `${source.endpointId}/${resourceType}/${id ?? '(no id)'}`;
}

function idOf(r: unknown): string | undefined {
  const id = (r as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id.trim() !== '' ? id : undefined;
}

export function guard<T extends CareRecord>(
  resourceType: FhirResource['resourceType'],
  r: unknown,
  source: SourceRef,
  build: (base: RecordBaseFields) => T,
): NormaliseResult<T> {
  const id = idOf(r);
  const key = recordKey(source, resourceType, id);
  const fail = (problem: string): NormaliseResult<T> => ({ ok: false, unreadable: { key, source, resourceType, problem } });
  if (typeof r !== 'object' || r === null || (r as { resourceType?: unknown }).resourceType !== resourceType) {
    return fail(`Not a ${resourceType}`);
  }
  if (!id) return fail(NO_ID);
  try {
    const resource = r as FhirResource;
    const lastUpdated = readDateOrDrop(resource.meta?.lastUpdated);
    return { ok: true, record: build({ key, source, ...(lastUpdated ? { lastUpdated } : {}), original: resource }) };
  } catch (e) {
    return fail(e instanceof Unreadable ? e.message : 'Could not be read: the content is not in the expected form');
  }
}
