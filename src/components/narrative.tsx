import DOMPurify from 'dompurify';
import { useMemo } from 'react';

/**
 * The basic XHTML a FHIR narrative may use (FHIR R4 narrative.html: "basic html
 * formatting elements"), less anything that runs, loads, submits or restyles: no script,
 * style, iframe, object, form, svg or img, no event handlers, no style, class or id.
 */
const ALLOWED_TAGS = ['p', 'div', 'span', 'br', 'b', 'i', 'strong', 'em', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'a'];
const ALLOWED_ATTR = ['href', 'title', 'colspan', 'rowspan', 'scope'];
/**
 * Form controls go with their words: a letter's "Sign in again" button left as text would
 * read as the app's own instruction. Other removed elements keep their text (it is the letter's).
 */
const CONTROLS = ['button', 'select', 'option', 'optgroup', 'datalist', 'textarea'];
/**
 * Web, mail and phone links only: javascript:, data:, vbscript: and relative URLs lose
 * their href (checked in the hook below, after DOMPurify's own URI check).
 */
const SAFE_HREF = /^(?:https?:|mailto:|tel:)/i;

const purifier = DOMPurify();
purifier.addHook('afterSanitizeAttributes', (node) => {
  if (node.nodeName !== 'A') return;
  const href = node.getAttribute('href');
  if (href !== null && !SAFE_HREF.test(href.trim())) node.removeAttribute('href');
  if (node.hasAttribute('href')) {
    // Leaving the app inside an EHR's iframe would end the session: links open apart.
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

/**
 * A FHIR narrative (`text.div`) made safe to show: DOMPurify with an allowlist of basic
 * XHTML. Server text is untrusted (docs/standards.md, "Browser security"); this is the one
 * place any of it becomes HTML.
 */
export function sanitiseNarrative(xhtml: string): string {
  return purifier.sanitize(xhtml, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    KEEP_CONTENT: true,
    ADD_FORBID_CONTENTS: CONTROLS,
  });
}

/** Larger than any real narrative: one over this is not sanitised or shown (bounded work). */
export const NARRATIVE_MAX_CHARS = 100_000;
/** Deeper element nesting than any real narrative. */
export const NARRATIVE_MAX_DEPTH = 100;

/**
 * Can the narrative be sanitised and shown safely? A linear scan, before any parsing:
 * too long, or elements nested too deep (counted from tags, so nothing is built), and it
 * is refused (a 20,000-deep narrative took seconds in the sanitiser).
 */
export function narrativeWithinLimits(xhtml: string): boolean {
  if (xhtml.length > NARRATIVE_MAX_CHARS) return false;
  let depth = 0;
  for (const m of xhtml.matchAll(/<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g)) {
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (!m[3] && m[2]?.toLowerCase() !== 'br') depth++;
    if (depth > NARRATIVE_MAX_DEPTH) return false;
  }
  return true;
}

export const NARRATIVE_TOO_LARGE = 'This narrative is too large to display safely, so it is not shown.';

/**
 * The narrative of a source record, sanitised. The only component in the app that sets
 * HTML (a lint rule holds that line); everything else renders server strings as text.
 */
export function Narrative({ xhtml }: { xhtml: string }) {
  const html = useMemo(() => (narrativeWithinLimits(xhtml) ? sanitiseNarrative(xhtml) : undefined), [xhtml]);
  if (html === undefined) return <p className="section-note">{NARRATIVE_TOO_LARGE}</p>;
  return <div className="narrative" dangerouslySetInnerHTML={{ __html: html }} />;
}
