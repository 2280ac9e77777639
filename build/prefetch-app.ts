/**
 * The launch page fetches the viewer's own scripts and stylesheet for later, at the lowest
 * priority, while the browser is busy with discovery and the authorisation server: the
 * redirect URI's page (index.html) then finds them in the HTTP cache and starts the token
 * exchange one round trip sooner. They are the files the built index.html names
 * (`<script src>`, `<link rel="modulepreload">`, `<link rel="stylesheet">`), hashed and
 * served `immutable`; those the launch page loads itself are left out. Nothing but code
 * and style is fetched early: no configuration, no data, no token.
 *
 * index.html first gets the chunk its entry imports dynamically (app/bootstrap: src/main.tsx
 * starts the token exchange before it runs) as `<link rel="modulepreload">` and its
 * stylesheet, so that the page loads it up front as if imported statically, and the launch
 * page prefetches it with the rest.
 */
import type { Plugin, Rollup } from 'vite';
import { staticClosure } from './chunk-graph';

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

/**
 * The files an entry chunk's dynamic imports need at once: each imported chunk, the chunks
 * it imports statically (recursively) and their stylesheets, as root paths.
 */
export function dynamicImportFiles(bundle: Rollup.OutputBundle, entry: Rollup.OutputChunk): string[] {
  const files = new Set<string>();
  for (const chunk of staticClosure(bundle, entry.dynamicImports)) {
    files.add(`/${chunk.fileName}`);
    for (const css of chunk.viteMetadata?.importedCss ?? []) files.add(`/${css}`);
  }
  return [...files];
}

/**
 * `html` with the given files loaded up front: `<link rel="modulepreload">` for scripts
 * (fetched and compiled, run when imported), `<link rel="stylesheet">` for styles; those
 * it names already are left out.
 */
export function withPreload(html: string, files: readonly string[]): string {
  const own = new Set(namedAssets(html));
  const links = files
    .filter((f) => !own.has(f))
    .map((f) => (f.endsWith('.css') ? `<link rel="stylesheet" crossorigin href="${f}">` : `<link rel="modulepreload" crossorigin href="${f}">`));
  if (links.length === 0) return html;
  if (!html.includes('</head>')) throw new Error('prefetch-app: the app page has no </head>');
  return html.replace('</head>', `  ${links.join('\n    ')}\n  </head>`);
}

export function prefetchAppFromLaunch(
  opts: { app: string; entryName: string; launch: string } = { app: 'index.html', entryName: 'app', launch: 'launch/index.html' },
): Plugin {
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
      // main.tsx starts the token exchange and imports the app (app/bootstrap) dynamically:
      // the page loads that chunk up front, beside the entry, as if imported statically.
      const entry = Object.values(bundle).find((c): c is Rollup.OutputChunk => c.type === 'chunk' && c.isEntry && c.name === opts.entryName);
      if (!entry) this.error(`prefetch-app: no entry chunk named ${opts.entryName}`);
      app.source = withPreload(String(app.source), dynamicImportFiles(bundle, entry));
      launch.source = withPrefetch(String(launch.source), namedAssets(String(app.source)));
    },
  };
}
