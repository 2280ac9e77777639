import { describe, expect, it } from 'vitest';
import { namedAssets, withPrefetch } from './prefetch-app';

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
