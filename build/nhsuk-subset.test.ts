/**
 * src/app/nhsuk.scss brings in only the NHS design system components the app's markup
 * names. A component named in markup but not brought in renders unstyled: the permission
 * question's radios as bare browser buttons with their labels below, the skip link always
 * on show. Every nhsuk-<component> block the sources write whose component exists in
 * nhsuk-frontend must be in the subset.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');
const COMPONENTS = join(ROOT, 'node_modules/nhsuk-frontend/dist/nhsuk/components');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(path);
    return /\.(tsx?)$/.test(d.name) && !/\.test\.tsx?$/.test(d.name) ? [path] : [];
  });
}

describe('the NHS stylesheet subset', () => {
  it('brings in every component the markup names', () => {
    const components = new Set(readdirSync(COMPONENTS, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name));
    const named = new Set(
      sourceFiles(join(ROOT, 'src')).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\bnhsuk-([a-z]+(?:-[a-z]+)*)(?:__|--|\b)/g)].map((m) => m[1]!)),
    );
    const needed = [...named].filter((n) => components.has(n)).sort();
    const scss = readFileSync(join(ROOT, 'src/app/nhsuk.scss'), 'utf8');
    const brought = new Set([...scss.matchAll(/@use "nhsuk-frontend\/dist\/nhsuk\/components\/([a-z-]+)"/g)].map((m) => m[1]!));
    // The components named in today's markup, so that a pattern that finds nothing fails too.
    expect(needed).toEqual(expect.arrayContaining(['button', 'details', 'error-summary', 'fieldset', 'radios', 'skip-link', 'textarea']));
    expect(needed.filter((n) => !brought.has(n))).toEqual([]);
  });
});
