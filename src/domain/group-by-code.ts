/**
 * Grouping the same thing recorded by many organisations: first by code (records sharing
 * any code of the given systems join one group, transitively), then by normalised text.
 * A record without such a code joins the one code group whose entries carry the same
 * normalised text, if exactly one does; otherwise it groups with others by text. Every
 * record lands in exactly one group: nothing is dropped or merged away. The result is
 * the same for any input order (union-find with a least-element root).
 */

/** Lower case, no accents, no punctuation, single spaces; a SNOMED CT semantic tag ("(disorder)") dropped. */
export function normaliseClinicalText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\((?:disorder|finding|situation|substance|procedure|observable entity|qualifier value|regime\/therapy|product)\)\s*$/u, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function add<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Records that share any code, transitively, as one component keyed by its least code
 * (union-find with a least-element root, so the result is the same for any input order).
 * Only records with at least one code are passed in.
 */
export function codeComponents<T>(coded: readonly T[], codesOf: (r: T) => string[]): Map<string, T[]> {
  const parent = new Map<string, string>();
  const find = (c: string): string => {
    let root = c;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    parent.set(c, root);
    return root;
  };
  for (const r of coded) for (const c of codesOf(r)) if (!parent.has(c)) parent.set(c, c);
  for (const r of coded) {
    const [first, ...rest] = codesOf(r);
    for (const c of rest) {
      const [x, y] = [find(first as string), find(c)];
      if (x < y) parent.set(y, x);
      else if (y < x) parent.set(x, y);
    }
  }
  const components = new Map<string, T[]>();
  for (const r of coded) add(components, find(codesOf(r)[0] as string), r);
  return components;
}

export function groupByCodeThenText<T extends { key: string }>(
  records: readonly T[],
  codesOf: (r: T) => string[],
  textOf: (r: T) => string,
): Map<string, T[]> {
  const coded = records.filter((r) => codesOf(r).length > 0);
  const groups = new Map<string, T[]>();
  for (const [root, rs] of codeComponents(coded, codesOf)) groups.set(`code:${root}`, rs);
  const codeKeysByText = new Map<string, Set<string>>();
  for (const [key, rs] of groups) {
    for (const r of rs) {
      const t = normaliseClinicalText(textOf(r));
      if (t) codeKeysByText.set(t, (codeKeysByText.get(t) ?? new Set()).add(key));
    }
  }
  for (const r of records.filter((x) => codesOf(x).length === 0)) {
    const t = normaliseClinicalText(textOf(r));
    const codeKeys = [...(codeKeysByText.get(t) ?? [])];
    add(groups, codeKeys.length === 1 ? (codeKeys[0] as string) : t ? `text:${t}` : `record:${r.key}`, r);
  }
  return groups;
}
