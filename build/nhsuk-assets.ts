/**
 * Makes nhsuk-frontend's stylesheet work under the viewer's Content-Security-Policy and
 * on any static host, with nothing fetched from elsewhere:
 *
 * - its two `@font-face` rules load Frutiger from assets.nhs.uk, which `font-src 'self'`
 *   blocks (four console errors a page). The NHS licenses Frutiger for NHS websites
 *   only, so it is not self-hosted: the rules are removed and the stylesheet's own
 *   fallback stack (Arial, sans-serif) is used;
 * - its icons are written as root paths (`/assets/images/nhsuk-icon-cross.svg`) that do
 *   not exist in our build: they are rewritten relative to the stylesheet so the build
 *   emits them as hashed files beside the app's own assets (never inlined as data: URLs);
 * - the NHS favicon (favicon.ico and favicon.svg, from the same package, MIT) is emitted
 *   at the root, where browsers ask for it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

const STYLESHEET = /nhsuk-frontend\/dist\/nhsuk\/nhsuk-frontend(\.min)?\.css$/;

/** Removes `@font-face { … }` blocks that load a font from another origin. */
export function stripRemoteFontFaces(css: string): string {
  return css.replace(/@font-face\s*\{[^}]*\}/g, (rule) => (/url\(\s*["']?https?:/i.test(rule) ? '' : rule));
}

/** `/assets/images/x.svg` → `./assets/images/x.svg`, relative to the stylesheet. */
export function relativeIconUrls(css: string): string {
  return css.replace(/url\(\s*(["']?)\/assets\/images\//g, 'url($1./assets/images/');
}

export function nhsukAssets(): Plugin {
  const imagesDir = join(dirname(createRequire(import.meta.url).resolve('nhsuk-frontend/package.json')), 'dist/nhsuk/assets/images');
  return {
    name: 'nhsuk-assets',
    enforce: 'pre',
    transform(code, id) {
      if (!STYLESHEET.test(id.split('?')[0] ?? '')) return null;
      return { code: relativeIconUrls(stripRemoteFontFaces(code)), map: null };
    },
    generateBundle() {
      for (const fileName of ['favicon.ico', 'favicon.svg']) {
        this.emitFile({ type: 'asset', fileName, source: readFileSync(join(imagesDir, fileName)) });
      }
    },
  };
}
