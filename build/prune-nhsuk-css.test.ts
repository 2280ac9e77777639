import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import postcss from 'postcss';
import { describe, expect, it } from 'vitest';
import { pruneNhsukCss, selectorCanMatch, usedNhsukClasses } from './prune-nhsuk-css';

const used = usedNhsukClasses([
  `<table className="nhsuk-table"><td className="nhsuk-table__cell">`,
  'const tag = `nhsuk-tag nhsuk-tag--${colour}`; // nhsuk-u-visually-hidden',
]);

const prune = (css: string, from = '/app/src/app/nhsuk.scss') =>
  postcss([pruneNhsukCss({ used, only: /\/src\/app\/nhsuk\.scss$/ })]).process(css, { from }).css;

/** The rules left, one line each, without the whitespace PostCSS keeps. */
const compact = (css: string) => css.replace(/\s+/g, ' ').trim();

describe('the classes the app writes', () => {
  it('count a word followed by a template placeholder as a prefix too', () => {
    const built = usedNhsukClasses(['const c = `nhsuk-button${variant}`;']);
    expect([...built.names]).toEqual([]);
    expect(built.prefixes).toEqual(['nhsuk-button']);
    expect(selectorCanMatch('.nhsuk-button--secondary', built)).toBe(true);
  });

  it('are the nhsuk- words of its sources; a word ending in - or _ is a prefix', () => {
    expect([...used.names].sort()).toEqual(['nhsuk-table', 'nhsuk-table__cell', 'nhsuk-tag', 'nhsuk-u-visually-hidden']);
    expect(used.prefixes).toEqual(['nhsuk-tag--']);
  });
});

describe('a selector can match', () => {
  it('when every nhsuk class it requires is written by the app, or none is named', () => {
    expect(selectorCanMatch('.nhsuk-table .nhsuk-table__cell', used)).toBe(true);
    expect(selectorCanMatch('.nhsuk-tag--red', used)).toBe(true);
    expect(selectorCanMatch('body > p:first-child', used)).toBe(true);
    expect(selectorCanMatch('.nhsuk-card__content .nhsuk-table', used)).toBe(false);
    expect(selectorCanMatch('.nhsuk-table.nhsuk-table--responsive', used)).toBe(false);
  });

  it('when the unused class is only inside :not(), :is() or an attribute selector', () => {
    expect(selectorCanMatch('.nhsuk-table__cell:not(.nhsuk-table__cell--numeric)', used)).toBe(true);
    expect(selectorCanMatch('.nhsuk-table :is(.nhsuk-card, td)', used)).toBe(true);
    expect(selectorCanMatch('a[href$=".nhsuk-card"]', used)).toBe(true);
  });
});

describe('pruning the NHS stylesheet', () => {
  it('removes rules that can never match, keeps the rest as written', () => {
    const css = '.nhsuk-card { margin: 0 } .nhsuk-table { color: red } p { margin: 0 }';
    expect(compact(prune(css))).toBe('.nhsuk-table { color: red } p { margin: 0 }');
  });

  it('keeps only the selectors of a list that can match', () => {
    expect(compact(prune('.nhsuk-card__content .nhsuk-table, .nhsuk-table__cell { padding: 0 }'))).toBe('.nhsuk-table__cell { padding: 0 }');
  });

  it('removes an @media or @supports left empty, and keeps one with a rule left', () => {
    const css =
      '@media (min-width: 40em) { .nhsuk-card { padding: 1px } } ' +
      '@supports (display: grid) { @media print { .nhsuk-card { color: black } } } ' +
      '@media print { .nhsuk-card { color: black } .nhsuk-tag { color: black } }';
    expect(compact(prune(css))).toBe('@media print { .nhsuk-tag { color: black } }');
  });

  it('leaves keyframes, and stylesheets other than the NHS one, alone', () => {
    const keyframes = '@keyframes nhsuk-spin { from { opacity: 0 } to { opacity: 1 } }';
    expect(compact(prune(keyframes))).toBe(keyframes);
    expect(compact(prune('.nhsuk-card { margin: 0 }', '/app/src/app/app.css'))).toBe('.nhsuk-card { margin: 0 }');
  });

  it("of nhsuk-frontend's whole stylesheet, drops the card and responsive-table variants and keeps the table and tags the app draws", () => {
    const require = createRequire(import.meta.url);
    const whole = readFileSync(require.resolve('nhsuk-frontend/dist/nhsuk/nhsuk-frontend.css'), 'utf8');
    const out = prune(whole);
    expect(whole).toContain('.nhsuk-card__content .nhsuk-scroll');
    expect(whole).toContain('.nhsuk-table-responsive');
    expect(out).not.toContain('.nhsuk-card');
    expect(out).not.toContain('.nhsuk-table-responsive');
    expect(out).toMatch(/^\.nhsuk-table \{/m);
    expect(out).toMatch(/\.nhsuk-tag--red\s*\{/);
    expect(out).toMatch(/\.nhsuk-u-visually-hidden\s*\{/);
    expect(out.length).toBeLessThan(whole.length / 2);
  });
});
