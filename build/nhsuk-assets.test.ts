import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { relativeIconUrls, stripRemoteFontFaces } from './nhsuk-assets';

const css = readFileSync(createRequire(import.meta.url).resolve('nhsuk-frontend/dist/nhsuk/nhsuk-frontend.css'), 'utf8');

describe('nhsuk-frontend stylesheet for a strict CSP', () => {
  it('the package as shipped loads Frutiger from assets.nhs.uk and icons from the site root', () => {
    expect(css).toContain('https://assets.nhs.uk/fonts/FrutigerLTW01-55Roman.woff2');
    expect(css).toMatch(/url\("\/assets\/images\/nhsuk-icon-cross\.svg"\)/);
  });

  it('keeps no @font-face that loads from another origin, and keeps the fallback font stack', () => {
    const out = stripRemoteFontFaces(css);
    expect(out).not.toMatch(/https?:\/\/assets\.nhs\.uk/);
    expect(out).not.toContain('@font-face');
    expect(out).toMatch(/font-family: "Frutiger W01", arial, sans-serif/i);
  });

  it('keeps a @font-face served from the same origin', () => {
    const local = '@font-face { font-family: X; src: url("/fonts/x.woff2") format("woff2"); }';
    expect(stripRemoteFontFaces(local)).toBe(local);
  });

  it('points the icons at files beside the stylesheet, so the build emits them', () => {
    const out = relativeIconUrls(css);
    expect(out).not.toMatch(/url\(\s*["']?\/assets\/images\//);
    expect(out).toContain('url("./assets/images/nhsuk-icon-cross.svg")');
  });
});
