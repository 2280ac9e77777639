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
  });
}

/**
 * The narrative of a source record, sanitised. The only component in the app that sets
 * HTML (a lint rule holds that line); everything else renders server strings as text.
 */
export function Narrative({ xhtml }: { xhtml: string }) {
  const html = useMemo(() => sanitiseNarrative(xhtml), [xhtml]);
  return <div className="narrative" dangerouslySetInnerHTML={{ __html: html }} />;
}
