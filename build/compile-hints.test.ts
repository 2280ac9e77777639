import { describe, expect, it } from 'vitest';
import type { Rollup } from 'vite';
import { COMPILE_HINT, hashMarker, hintedChunks, recordViewCompileHints } from './compile-hints';

const ROOT = '/project';
const chunk = (fileName: string, more: Partial<Rollup.OutputChunk> = {}) =>
  ({ type: 'chunk', fileName, imports: [], dynamicImports: [], isEntry: false, facadeModuleId: null, code: `/* ${fileName} */`, map: null, ...more }) as unknown as Rollup.OutputChunk;
const asset = (fileName: string, source: string) => ({ type: 'asset', fileName, source }) as unknown as Rollup.OutputAsset;

/**
 * The app page's entry loads `shared` and (up front) `bootstrap`, which loads `react`; the
 * record view's chunk loads `record-lib`, `shared` and `bootstrap`; results load the record
 * view and `result-text`; the detail view (on demand) loads `detail-lib`; the launch page
 * loads `shared`.
 */
function bundle(): Rollup.OutputBundle {
  const chunks = [
    chunk('assets/app.js', { isEntry: true, facadeModuleId: `${ROOT}/index.html`, imports: ['assets/shared.js'], dynamicImports: ['assets/bootstrap.js'] }),
    chunk('assets/launch.js', { isEntry: true, facadeModuleId: `${ROOT}/launch/index.html`, imports: ['assets/shared.js'] }),
    chunk('assets/shared.js'),
    chunk('assets/bootstrap.js', { facadeModuleId: `${ROOT}/src/app/bootstrap.tsx`, imports: ['assets/react.js', 'assets/shared.js'], dynamicImports: ['assets/merged-record.js', 'assets/detail.js'] }),
    chunk('assets/react.js'),
    chunk('assets/merged-record.js', { facadeModuleId: `${ROOT}/src/app/merged-record.tsx`, imports: ['assets/record-lib.js', 'assets/shared.js', 'assets/bootstrap.js'], dynamicImports: ['assets/results.js'] }),
    chunk('assets/record-lib.js'),
    chunk('assets/results.js', { facadeModuleId: `${ROOT}/src/features/results/index.ts`, imports: ['assets/merged-record.js', 'assets/result-text.js', 'assets/react.js'] }),
    chunk('assets/result-text.js'),
    chunk('assets/detail.js', { facadeModuleId: `${ROOT}/src/features/record-detail/index.ts`, imports: ['assets/detail-lib.js'] }),
    chunk('assets/detail-lib.js'),
  ];
  const out: Rollup.OutputBundle = {};
  for (const c of chunks) {
    out[c.fileName] = c;
    out[`${c.fileName}.map`] = asset(`${c.fileName}.map`, JSON.stringify({ version: 3, mappings: 'AAAA,CAAC;AACD', sources: ['x'] }));
  }
  return out;
}

const OPTIONS = { root: ROOT, hinted: ['src/app/merged-record.tsx', 'src/features/results/index.ts'], upFront: ['src/app/bootstrap.tsx'] };

describe('which chunks are compiled whole as they load', () => {
  it('the record view and results, with what they import, but nothing the pages load up front or open on demand', () => {
    expect(hintedChunks(bundle(), OPTIONS)).toEqual(['assets/merged-record.js', 'assets/record-lib.js', 'assets/result-text.js', 'assets/results.js']);
  });

  it('finds the chunks whatever the form of the project path', () => {
    expect(hintedChunks(bundle(), { ...OPTIONS, root: `${ROOT}/` })).toEqual(['assets/merged-record.js', 'assets/record-lib.js', 'assets/result-text.js', 'assets/results.js']);
    expect(hintedChunks(bundle(), { ...OPTIONS, root: `${ROOT}/src/..` })).toHaveLength(4);
  });

  it('names a source path that no chunk begins with, rather than leaving it without the hint', () => {
    expect(() => hintedChunks(bundle(), { ...OPTIONS, hinted: ['src/app/renamed.tsx'] })).toThrow('compile-hints: no chunk begins with src/app/renamed.tsx');
    expect(() => hintedChunks(bundle(), { ...OPTIONS, upFront: ['src/app/boot.tsx'] })).toThrow('src/app/boot.tsx');
  });
});

type Hook = { order?: string; handler: (this: unknown, o: unknown, b: Rollup.OutputBundle) => void };
const failing = { error: (m: string) => { throw new Error(`build failed: ${m}`); } };

describe('the build step', () => {
  const run = (b: Rollup.OutputBundle, output: { sourcemap?: unknown } = { sourcemap: true }, opts = OPTIONS) => {
    const hook = recordViewCompileHints(opts).generateBundle as Hook;
    expect(hook.order).toBe('post');
    hook.handler.call(failing, output, b);
    return b;
  };
  const code = (b: Rollup.OutputBundle, name: string) => (b[`assets/${name}.js`] as Rollup.OutputChunk).code;
  const mappings = (b: Rollup.OutputBundle, name: string) => JSON.parse(String((b[`assets/${name}.js.map`] as Rollup.OutputAsset).source)).mappings;

  it('puts the hint on the first line of each such chunk and moves its source map down one line', () => {
    const b = run(bundle());
    expect(code(b, 'results')).toBe('//# allFunctionsCalledOnLoad\n/* assets/results.js */');
    expect(mappings(b, 'results')).toBe(';AAAA,CAAC;AACD');
    expect(COMPILE_HINT).toBe('//# allFunctionsCalledOnLoad\n');
  });

  it('leaves every other chunk and its map as they were', () => {
    const b = run(bundle());
    for (const name of ['app', 'launch', 'shared', 'bootstrap', 'react', 'detail', 'detail-lib']) {
      expect(code(b, name)).toBe(`/* assets/${name}.js */`);
      expect(mappings(b, name)).toBe('AAAA,CAAC;AACD');
    }
  });

  it("moves the chunk's own map too, and a map written as bytes", () => {
    const b = bundle();
    (b['assets/results.js'] as Rollup.OutputChunk).map = { mappings: 'AAAA' } as Rollup.SourceMap;
    delete b['assets/results.js.map'];
    (b['assets/merged-record.js.map'] as Rollup.OutputAsset).source = new TextEncoder().encode(JSON.stringify({ version: 3, mappings: 'AAAA;AACA' }));
    run(b);
    expect((b['assets/results.js'] as Rollup.OutputChunk).map?.mappings).toBe(';AAAA');
    expect(mappings(b, 'merged-record')).toBe(';AAAA;AACA');
  });

  it('refuses what it cannot move: an inline map, a map without plain mappings', () => {
    expect(() => run(bundle(), { sourcemap: 'inline' })).toThrow('build failed: compile-hints: inline source maps are not supported');
    const b = bundle();
    (b['assets/results.js.map'] as Rollup.OutputAsset).source = JSON.stringify({ version: 3, sections: [] });
    expect(() => run(b)).toThrow('build failed: compile-hints: the source map of assets/results.js has no mappings to move');
  });

  it('fails the build for a missing source path', () => {
    expect(() => run(bundle(), { sourcemap: true }, { ...OPTIONS, hinted: ['src/app/renamed.tsx'] })).toThrow('build failed: compile-hints: no chunk begins with src/app/renamed.tsx');
  });

  it("renames every chunk when the hint is turned on or what it hints changes, so a browser's cached copy is never the other", () => {
    const marker = recordViewCompileHints(OPTIONS).augmentChunkHash as () => string;
    expect(marker()).toBe(hashMarker(OPTIONS));
    expect(hashMarker(OPTIONS)).toContain('compile-hints');
    expect(hashMarker({ ...OPTIONS, hinted: ['src/app/merged-record.tsx'] })).not.toBe(hashMarker(OPTIONS));
    expect(hashMarker({ ...OPTIONS, upFront: [] })).not.toBe(hashMarker(OPTIONS));
    expect(hashMarker({ ...OPTIONS })).toBe(hashMarker(OPTIONS));
  });
});
