/**
 * The launch page fetches the viewer's own scripts and stylesheet for later, at the lowest
 * priority, while the browser is busy with discovery and the authorisation server: the
 * redirect URI's page (index.html) then finds them in the HTTP cache and starts the token
 * exchange one round trip sooner. They are the files the built index.html names
 * (`<script src>`, `<link rel="modulepreload">`, `<link rel="stylesheet">`), hashed and
 * served `immutable`; those the launch page loads itself are left out. Nothing but code
 * and style is fetched early: no configuration, no data, no token.
 */
import type { Plugin } from 'vite';

const NAMED = /<(?:script|link)\b[^>]*?\b(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"[^>]*>/g;

/** The /assets/ files an HTML page names, in order, once each. */
export function namedAssets(html: string): string[] {
  return [...new Set([...html.matchAll(NAMED)].map((m) => m[1]!))];
}

/** `html` with a prefetch link before `</head>` for each of `files` it does not name already. */
export function withPrefetch(html: string, files: readonly string[]): string {
  const own = new Set(namedAssets(html));
  const links = files
    .filter((f) => !own.has(f))
    .map((f) => `<link rel="prefetch" href="${f}" as="${f.endsWith('.css') ? 'style' : 'script'}" crossorigin>`);
  if (links.length === 0) return html;
  if (!html.includes('</head>')) throw new Error('prefetch-app: the launch page has no </head>');
  return html.replace('</head>', `  ${links.join('\n    ')}\n  </head>`);
}

export function prefetchAppFromLaunch(opts: { app: string; launch: string } = { app: 'index.html', launch: 'launch/index.html' }): Plugin {
  return {
    name: 'prefetch-app-from-launch',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const app = bundle[opts.app];
      const launch = bundle[opts.launch];
      if (app?.type !== 'asset' || launch?.type !== 'asset') {
        this.error(`prefetch-app: ${opts.app} and ${opts.launch} must both be built`);
      }
      launch.source = withPrefetch(String(launch.source), namedAssets(String(app.source)));
    },
  };
}
