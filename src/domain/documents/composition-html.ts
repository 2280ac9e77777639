/**
 * A Composition's content as one piece of XHTML for the one sanitising path
 * (components/narrative): each section's title as a heading (escaped: a title is plain
 * text, FHIR R4 Composition.section.title), then its narrative (`section.text.div`, which
 * the sanitiser cleans), nested sections one heading level down (h3 to h6). A section's
 * `emptyReason` is said in words. Sections that are not objects are skipped; nesting past
 * MAX_DEPTH is cut off and said so, never walked. Undefined when there is nothing to show.
 */
import type { Composition } from 'fhir/r4';

export const MAX_DEPTH = 4;

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

type Section = NonNullable<Composition['section']>[number];

export function compositionHtml(composition: unknown): string | undefined {
  if (typeof composition !== 'object' || composition === null) return undefined;
  const c = composition as Partial<Composition>;
  if (c.resourceType !== 'Composition') return undefined;
  const parts: string[] = [];
  // Iterative, depth-first, in document order.
  const stack: { section: unknown; depth: number }[] = (Array.isArray(c.section) ? c.section : []).map((section) => ({ section, depth: 1 })).reverse();
  while (stack.length > 0) {
    const { section, depth } = stack.pop()!;
    if (typeof section !== 'object' || section === null) continue;
    const s = section as Section;
    const level = Math.min(2 + depth, 6);
    const title = str(s.title) ?? str(s.code?.text);
    if (title) parts.push(`<h${level}>${escape(title)}</h${level}>`);
    const div = str(s.text?.div);
    if (div) parts.push(div);
    else if (s.emptyReason) parts.push(`<p>No entries: ${escape(str(s.emptyReason.text) ?? str(s.emptyReason.coding?.[0]?.display) ?? 'reason not given')}</p>`);
    const children = Array.isArray(s.section) ? s.section : [];
    if (children.length > 0) {
      if (depth >= MAX_DEPTH) parts.push('<p>Further nested sections are not shown.</p>');
      else for (const child of [...children].reverse()) stack.push({ section: child, depth: depth + 1 });
    }
  }
  return parts.length > 0 ? parts.join('\n') : undefined;
}
