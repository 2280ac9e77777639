/**
 * Turns a real resource into a hostile one of the same shape: every human-readable string
 * (names, displays, texts, dosage texts, titles, descriptions, notes) becomes a payload
 * from the XSS corpus and every resource gets a narrative holding one. What a client
 * computes with stays as it was (ids, references, dates, statuses, code systems and
 * codes, identifiers, quantities' values), so the records still normalise and match: the
 * only thing wrong with them is what they say.
 *
 * A Patient keeps its names (the viewer cross-checks the family name when matching) and
 * gets only the hostile narrative.
 */
import { XSS_CORPUS, hostileNarrative } from './xss-corpus';

/** Keys whose string values people read. `name` only when it is a string (not HumanName[]). */
const READABLE_KEYS = new Set([
  'text',
  'display',
  'title',
  'description',
  'patientInstruction',
  'comment',
  'name',
  'unit',
  'diagnostics',
  'summary',
]);

/** Round-robin over the corpus so that consecutive fields carry different payloads. */
export function payloadCycle(start = 0): () => string {
  let i = start;
  return () => XSS_CORPUS[i++ % XSS_CORPUS.length]!.payload;
}

function hostileValue(value: unknown, key: string | undefined, next: () => string): unknown {
  if (typeof value === 'string') return key !== undefined && READABLE_KEYS.has(key) ? next() : value;
  if (Array.isArray(value)) return value.map((v) => hostileValue(v, key, next));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = hostileValue(v, k, next);
  return out;
}

type AnyResource = { resourceType: string; text?: unknown } & Record<string, unknown>;

/** A copy of `resource` with hostile strings and a hostile narrative; the input is untouched. */
export function hostileResource<T extends { resourceType: string }>(resource: T, next: () => string = payloadCycle()): T {
  const r = resource as unknown as AnyResource;
  const narrative = { status: 'generated', div: hostileNarrative(next()) };
  if (r.resourceType === 'Patient') return { ...r, text: narrative } as unknown as T;
  const { text: _text, ...rest } = r;
  const copy = hostileValue(rest, undefined, next) as AnyResource;
  return { ...copy, text: narrative } as unknown as T;
}
