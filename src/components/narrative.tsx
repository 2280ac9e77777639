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
 * What a reader would miss, by the element that carried it: content the viewer drops
 * (pictures, drawings, media, embedded pages and objects, forms) is said, not silently
 * lost; scripts, styles and attributes carry nothing to read.
 */
const MISSED: Record<string, readonly [string, string]> = {
  img: ['a picture', 'pictures'],
  picture: ['a picture', 'pictures'],
  svg: ['a drawing', 'drawings'],
  canvas: ['a drawing', 'drawings'],
  video: ['a video', 'videos'],
  audio: ['a sound recording', 'sound recordings'],
  iframe: ['an embedded page', 'embedded pages'],
  frame: ['an embedded page', 'embedded pages'],
  object: ['an embedded object', 'embedded objects'],
  embed: ['an embedded object', 'embedded objects'],
  form: ['a form', 'forms'],
};

/** "a picture, 2 drawings and a form", in the order first met; '' when nothing was dropped. */
export function missedContent(removedTags: readonly string[]): string {
  // By the words, so that two elements of one kind (object, embed) count together.
  const counts = new Map<string, { many: string; n: number }>();
  for (const tag of removedTags) {
    const kind = MISSED[tag.toLowerCase()];
    if (!kind) continue;
    const seen = counts.get(kind[0]);
    counts.set(kind[0], { many: kind[1], n: (seen?.n ?? 0) + 1 });
  }
  const parts = [...counts].map(([one, { many, n }]) => (n === 1 ? one : `${n} ${many}`));
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/**
 * A FHIR narrative (`text.div`) made safe to show: DOMPurify with an allowlist of basic
 * XHTML. Server text is untrusted (docs/standards.md, "Browser security"); this is the one
 * place any of it becomes HTML.
 */
export function sanitiseNarrative(xhtml: string): string {
  return sanitiseAndSay(xhtml).html;
}

/** As sanitiseNarrative, and what a reader would miss (missedContent) of what was removed. */
export function sanitiseAndSay(xhtml: string): { html: string; missed: string } {
  const html = purifier.sanitize(xhtml, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    KEEP_CONTENT: true,
    ADD_FORBID_CONTENTS: CONTROLS,
  });
  const removed = purifier.removed.flatMap((r) => ('element' in r && r.element ? [r.element.nodeName] : []));
  return { html, missed: missedContent(removed) };
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
  const safe = useMemo(() => (narrativeWithinLimits(xhtml) ? sanitiseAndSay(xhtml) : undefined), [xhtml]);
  if (safe === undefined) return <p className="section-note">{NARRATIVE_TOO_LARGE}</p>;
  return (
    <>
      {safe.missed && <p className="section-note narrative-missed">{`This text contained ${safe.missed}, which the viewer does not show.`}</p>}
      <div className="narrative" dangerouslySetInnerHTML={{ __html: safe.html }} />
    </>
  );
}
