/**
 * Every value in a FHIR resource as a readable list ("Dosage instruction › Text": "One
 * tablet twice a day"), so that the reader can check what the source actually sent,
 * beyond what the summary picked out. Values are strings for rendering as text, never
 * HTML; the narrative (text.div) is left out here because it is shown, sanitised, on its
 * own. Pure.
 */

export interface ResourceField {
  label: string;
  value: string;
}

/** Enough for any real resource; a resource with more is cut short, and says how many were left out. */
export const FIELD_LIMIT = 400;

/** `dosageInstruction` → `Dosage instruction`, `resourceType` → `Resource type`. */
export function humanise(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase().trim();
  return words ? `${words[0]?.toUpperCase()}${words.slice(1)}` : key;
}

function walk(value: unknown, path: string[], out: ResourceField[]): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, value.length > 1 ? [...path.slice(0, -1), `${path[path.length - 1] ?? ''} ${i + 1}`] : path, out));
    return;
  }
  if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (k === 'div' && typeof v === 'string') continue; // narrative XHTML: shown sanitised, not as a field
      walk(v, [...path, humanise(k)], out);
    }
    return;
  }
  out.push({ label: path.join(' › ') || 'Value', value: String(value) });
}

/** The resource's fields in document order, at most `limit`, and how many more there were. */
export function resourceFields(resource: object, limit = FIELD_LIMIT): { fields: ResourceField[]; more: number } {
  const all: ResourceField[] = [];
  const { text, ...rest } = resource as { text?: { status?: unknown } } & Record<string, unknown>;
  walk(rest, [], all);
  if (text && typeof text === 'object' && typeof text.status === 'string') all.push({ label: 'Narrative status', value: text.status });
  return { fields: all.slice(0, limit), more: Math.max(0, all.length - limit) };
}
