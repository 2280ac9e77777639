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

/** Deeper than any real resource: a value nested further is not walked, and the list says so. */
export const DEPTH_LIMIT = 40;

/**
 * Depth-first, in document order, with an explicit stack: a resource nested thousands of
 * levels deep (hostile or broken) cannot overflow the call stack. Stops after `limit`
 * fields and does not descend past DEPTH_LIMIT; both are counted in `more`/`tooDeep`.
 */
function walk(root: unknown, limit: number): { fields: ResourceField[]; more: number; tooDeep: number } {
  const fields: ResourceField[] = [];
  let more = 0;
  let tooDeep = 0;
  const stack: { value: unknown; path: string[] }[] = [{ value: root, path: [] }];
  // Bounded work as well as bounded output: a resource with millions of leaves stops here.
  let steps = 0;
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (++steps > limit * 50) {
      more += 1 + stack.length;
      break;
    }
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object') {
      if (fields.length < limit) fields.push({ label: path.join(' › ') || 'Value', value: String(value) });
      else more++;
      continue;
    }
    if (path.length >= DEPTH_LIMIT) {
      tooDeep++;
      continue;
    }
    const children: { value: unknown; path: string[] }[] = [];
    if (Array.isArray(value)) {
      value.forEach((v, i) => children.push({ value: v, path: value.length > 1 ? [...path.slice(0, -1), `${path[path.length - 1] ?? ''} ${i + 1}`] : path }));
    } else {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (k === 'div' && typeof v === 'string') continue; // narrative XHTML: shown sanitised, not as a field
        children.push({ value: v, path: [...path, humanise(k)] });
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return { fields, more, tooDeep };
}

/** The resource's fields in document order, at most `limit`, how many more there were, and how many values sat too deep to show. */
export function resourceFields(resource: object, limit = FIELD_LIMIT): { fields: ResourceField[]; more: number; tooDeep: number } {
  const { text, ...rest } = resource as { text?: { status?: unknown } } & Record<string, unknown>;
  const out = walk(rest, limit);
  if (text && typeof text === 'object' && typeof text.status === 'string') {
    if (out.fields.length < limit) out.fields.push({ label: 'Narrative status', value: text.status });
    else out.more++;
  }
  return out;
}
