/**
 * Drops the nhsuk-frontend rules that can never match in the viewer: a selector that
 * requires an `nhsuk-…` class which no file of the app ever writes. The components
 * src/app/nhsuk.scss takes from nhsuk-frontend bring their variants along (the card
 * versions of tables and summary lists, the page-layout classes, the typography
 * utilities at every size), about two thirds of the stylesheet. Without them the first
 * download is ~8 kB (gzip) smaller and the browser has fewer rules to match on every
 * style recalculation.
 *
 * What "used" means: every `nhsuk-…` word in the app's sources (src/ and index.html),
 * including comments and tests, so a class kept by mistake costs bytes, never styling. A
 * word ending in `-` or `_`, or followed by a template placeholder (`nhsuk-tag--${colour}`,
 * `nhsuk-button${variant}`), keeps every class it begins.
 * Classes inside a functional pseudo-class (`:not(.nhsuk-x)`, `:is(…)`, `:where(…)`,
 * `:has(…)`) and inside attribute selectors are not counted: `:not()` of a class nobody
 * uses matches everything, so such selectors stay.
 *
 * Applied at build only (vite.config.ts): the dev server keeps the whole stylesheet, so a
 * class added while developing is styled at once; the next build sees it in the sources.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PluginCreator, Rule } from 'postcss';

export interface UsedClasses {
  names: ReadonlySet<string>;
  prefixes: readonly string[];
}

const NHSUK_WORD = /nhsuk-[A-Za-z0-9_-]*/g;

/** The `nhsuk-…` classes (and class prefixes) that the given source texts can write. */
export function usedNhsukClasses(texts: Iterable<string>): UsedClasses {
  const names = new Set<string>();
  const prefixes = new Set<string>();
  for (const text of texts) {
    for (const match of text.matchAll(NHSUK_WORD)) {
      const word = match[0];
      // `nhsuk-tag--${colour}` or `nhsuk-button${variant}`: the class only begins with the word.
      if (/[-_]$/.test(word) || text.startsWith('${', match.index + word.length)) prefixes.add(word);
      else names.add(word);
    }
  }
  return { names, prefixes: [...prefixes] };
}

/** The texts of the app's sources under `root`: src/**\/*.{ts,tsx,js,jsx,cjs,mjs,html} and the HTML entries. */
export function appSourceTexts(root: string, dirs: string[] = ['src'], entries: string[] = ['index.html']): string[] {
  const files = [
    ...dirs.flatMap((dir) =>
      readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
        .filter((f) => /\.([cm]?js|jsx|tsx?|html)$/.test(f))
        .map((f) => join(root, dir, f)),
    ),
    ...entries.map((f) => join(root, f)),
  ];
  return files.map((f) => readFileSync(f, 'utf8'));
}

/** A selector with its bracketed and parenthesised parts removed: what an element itself must carry. */
function outsideArguments(selector: string): string {
  let depth = 0;
  let out = '';
  for (const ch of selector) {
    if (ch === '(' || ch === '[') depth += 1;
    else if (ch === ')' || ch === ']') depth = Math.max(0, depth - 1);
    else if (depth === 0) out += ch;
  }
  return out;
}

/** True when the selector can match some element of the app. */
export function selectorCanMatch(selector: string, used: UsedClasses): boolean {
  for (const [, name] of outsideArguments(selector).matchAll(/\.(nhsuk-[A-Za-z0-9_-]+)/g)) {
    if (!used.names.has(name!) && !used.prefixes.some((p) => name!.startsWith(p))) return false;
  }
  return true;
}

function isKeyframe(rule: Rule): boolean {
  const parent = rule.parent;
  return parent?.type === 'atrule' && /keyframes$/i.test((parent as { name: string }).name);
}

/**
 * The PostCSS plugin: in the stylesheets whose file name `only` matches, each rule keeps
 * the selectors that can match; a rule left with none is removed, and so is an at-rule
 * (`@media`, `@supports`) left empty.
 */
export const pruneNhsukCss: PluginCreator<{ used: UsedClasses; only: RegExp }> = (options) => {
  if (!options) throw new Error('pruneNhsukCss: give the used classes and the stylesheets to prune');
  const { used, only } = options;
  return {
    postcssPlugin: 'prune-nhsuk-css',
    OnceExit(root) {
      const file = root.source?.input.file ?? '';
      if (!only.test(file)) return;
      root.walkRules((rule) => {
        if (isKeyframe(rule)) return;
        const keep = rule.selectors.filter((s) => selectorCanMatch(s, used));
        if (keep.length === 0) rule.remove();
        else if (keep.length < rule.selectors.length) rule.selectors = keep;
      });
      let emptied = true;
      while (emptied) {
        emptied = false;
        root.walkAtRules((at) => {
          if (at.nodes !== undefined && at.nodes.length === 0) {
            at.remove();
            emptied = true;
          }
        });
      }
    },
  };
};
pruneNhsukCss.postcss = true;
