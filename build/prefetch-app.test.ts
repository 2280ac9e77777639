import { describe, expect, it } from 'vitest';
import type { Rollup } from 'vite';
import { dynamicImportFiles, namedAssets, withPrefetch, withPreload } from './prefetch-app';

const APP = `<head>
    <script type="module" crossorigin src="/assets/app-A1.js"></script>
    <link rel="modulepreload" crossorigin href="/assets/shared-B2.js">
    <link rel="modulepreload" crossorigin href="/assets/oidc-C3.js">
    <link rel="stylesheet" crossorigin href="/assets/app-D4.css">
    <link rel="preload" href="/config.json" as="fetch" crossorigin />
  </head>`;
const LAUNCH = `<head>
    <script type="module" crossorigin src="/assets/launch-E5.js"></script>
    <link rel="modulepreload" crossorigin href="/assets/shared-B2.js">
  </head>`;

describe('the launch page prefetches the viewer', () => {
  it('names what the app page loads: its scripts, module preloads and stylesheet, not the configuration', () => {
    expect(namedAssets(APP)).toEqual(['/assets/app-A1.js', '/assets/shared-B2.js', '/assets/oidc-C3.js', '/assets/app-D4.css']);
  });

  it('adds a prefetch for each one the launch page does not load itself', () => {
    const html = withPrefetch(LAUNCH, namedAssets(APP));
    expect([...html.matchAll(/<link rel="prefetch" href="([^"]+)" as="(\w+)" crossorigin>/g)].map((m) => [m[1], m[2]])).toEqual([
      ['/assets/app-A1.js', 'script'],
      ['/assets/oidc-C3.js', 'script'],
      ['/assets/app-D4.css', 'style'],
    ]);
    expect(html.indexOf('rel="prefetch"')).toBeLessThan(html.indexOf('</head>'));
  });
});

describe('the app page loads its dynamically imported app up front', () => {
  const chunk = (fileName: string, more: Partial<Rollup.OutputChunk> & { css?: string[] } = {}) =>
    ({ type: 'chunk', fileName, imports: [], dynamicImports: [], viteMetadata: { importedCss: new Set(more.css ?? []), importedAssets: new Set() }, ...more }) as unknown as Rollup.OutputChunk;
  const bundle = {
    'assets/app-A1.js': chunk('assets/app-A1.js', { isEntry: true, imports: ['assets/shared-B2.js'], dynamicImports: ['assets/bootstrap-F6.js'] }),
    'assets/shared-B2.js': chunk('assets/shared-B2.js'),
    'assets/bootstrap-F6.js': chunk('assets/bootstrap-F6.js', { imports: ['assets/react-G7.js', 'assets/shared-B2.js'], dynamicImports: ['assets/pdf-H8.js'], css: ['assets/bootstrap-I9.css'] }),
    'assets/react-G7.js': chunk('assets/react-G7.js'),
    'assets/pdf-H8.js': chunk('assets/pdf-H8.js'),
  } as unknown as Rollup.OutputBundle;

  it('names the imported chunk, what it imports statically and its stylesheet, not its own later imports', () => {
    expect(dynamicImportFiles(bundle, bundle['assets/app-A1.js'] as Rollup.OutputChunk).sort()).toEqual(
      ['/assets/bootstrap-F6.js', '/assets/bootstrap-I9.css', '/assets/react-G7.js', '/assets/shared-B2.js'].sort(),
    );
  });

  it('adds a module preload or stylesheet for each file the page does not load already', () => {
    const html = withPreload(APP, ['/assets/shared-B2.js', '/assets/bootstrap-F6.js', '/assets/bootstrap-I9.css']);
    expect(html).toContain('<link rel="modulepreload" crossorigin href="/assets/bootstrap-F6.js">');
    expect(html).toContain('<link rel="stylesheet" crossorigin href="/assets/bootstrap-I9.css">');
    expect(html.match(/shared-B2/g)).toHaveLength(1);
  });
});
