/**
 * V8's explicit compile hint (Chromium 136+): a file that begins with the comment
 * `//# allFunctionsCalledOnLoad` has every function compiled when the file is loaded, on
 * a background thread where the browser streams it, instead of each one on the main
 * thread the first time it is called. Other browsers read it as a comment.
 *
 * The record view's chunks are loaded while the permission question is on screen
 * (governed-record.tsx, record-sections.tsx) and run only when the first organisation
 * answers: without the hint, the first drawing of the record compiles, function by
 * function, the code that draws it, between the last answer and "Complete". With it, that
 * work is done while the user reads the question. Only those chunks get it: the launch
 * path's own chunks run as they load, and the chunks opened on demand (a detail view, a
 * PDF, the unit library) would be compiled whole for a few of their functions.
 *
 * The hint goes in once Vite has finished its own steps (the hint must be the file's first
 * line; Vite puts its dynamic-import preamble in front of a chunk in `generateBundle`),
 * which is after the chunks' names are hashed. So that a browser holding a chunk served
 * `immutable` (server/app-handler.ts) never keeps a copy that differs from the new one by
 * the hint, every chunk's hash takes in this plugin and its settings: turning the hint on,
 * or changing what gets it, renames every chunk once. (A chunk that gains or loses the hint
 * only because other code moved, its own unchanged, keeps its name: its old copy differs by
 * the comment and its source map by one line.)
 */
import { resolve } from 'node:path';
import { normalizePath, type Plugin, type Rollup } from 'vite';
import { staticClosure } from './chunk-graph';

export const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';

export interface HintOptions {
  /** The project's directory: chunks are found by the absolute path of their first module. */
  root: string;
  /** Source paths (relative to `root`) whose chunks, with what they import statically, get the hint. */
  hinted: readonly string[];
  /** Source paths of chunks the pages load up front besides their entries (index.html preloads app/bootstrap). */
  upFront: readonly string[];
}

/**
 * The chunks of `hinted` and the chunks they import statically, less those loaded up front
 * (the entries, `upFront` and their static imports: they run as they load, and the launch
 * page shares some of them). Throws for a path no chunk begins with, so that a renamed
 * file is not silently left without its hint.
 */
export function hintedChunks(bundle: Rollup.OutputBundle, opts: HintOptions): string[] {
  const chunks = Object.values(bundle).filter((c): c is Rollup.OutputChunk => c.type === 'chunk');
  const reach = (starts: Rollup.OutputChunk[]) => new Set(staticClosure(bundle, starts.map((c) => c.fileName)).map((c) => c.fileName));
  const chunkOf = (path: string) => {
    const id = normalizePath(resolve(opts.root, path));
    const chunk = chunks.find((c) => c.facadeModuleId === id);
    if (!chunk) throw new Error(`compile-hints: no chunk begins with ${path}`);
    return chunk;
  };
  const upFront = reach([...chunks.filter((c) => c.isEntry), ...opts.upFront.map(chunkOf)]);
  return [...reach(opts.hinted.map(chunkOf))].filter((f) => !upFront.has(f)).sort();
}

/** Source map mappings for code with one line put before it: an empty first line. */
export function shiftMappingsOneLine(map: { mappings?: unknown }, fileName: string): void {
  // Rolldown writes plain maps; an index map (`sections`) or anything else is refused, not guessed at.
  if (typeof map.mappings !== 'string') throw new Error(`compile-hints: the source map of ${fileName} has no mappings to move`);
  map.mappings = `;${map.mappings}`;
}

/** What every chunk's hash takes in: this step and what it is set to hint. */
export function hashMarker(opts: HintOptions): string {
  return `compile-hints 1 ${JSON.stringify({ hinted: opts.hinted, upFront: opts.upFront })}`;
}

export function recordViewCompileHints(opts: HintOptions): Plugin {
  return {
    name: 'record-view-compile-hints',
    apply: 'build',
    enforce: 'post',
    augmentChunkHash() {
      return hashMarker(opts);
    },
    // After Vite's own generateBundle steps: its dynamic-import preamble (`__vite__mapDeps`)
    // is put in front of a chunk there, and the hint must be the file's first line.
    generateBundle: {
      order: 'post',
      handler(options, bundle) {
        // An inline map sits in the code as a data URL this step does not rewrite.
        if (options.sourcemap === 'inline') this.error('compile-hints: inline source maps are not supported; use a separate or hidden map');
        try {
          for (const fileName of hintedChunks(bundle, opts)) {
            const chunk = bundle[fileName] as Rollup.OutputChunk;
            chunk.code = COMPILE_HINT + chunk.code;
            if (chunk.map) shiftMappingsOneLine(chunk.map, fileName);
            const mapAsset = bundle[`${fileName}.map`];
            if (mapAsset?.type === 'asset') {
              const text = typeof mapAsset.source === 'string' ? mapAsset.source : new TextDecoder().decode(mapAsset.source);
              const map = JSON.parse(text) as { mappings?: unknown };
              shiftMappingsOneLine(map, fileName);
              mapAsset.source = JSON.stringify(map);
            }
          }
        } catch (e) {
          this.error(e instanceof Error ? e.message : String(e));
        }
      },
    },
  };
}
