import { describe, expect, it } from 'vitest';
import type { Rollup } from 'vite';
import { COMPILE_HINT, hintedChunks, recordViewCompileHints } from './compile-hints';

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

  it('names a source path that no chunk begins with, rather than leaving it without the hint', () => {
    expect(() => hintedChunks(bundle(), { ...OPTIONS, hinted: ['src/app/renamed.tsx'] })).toThrow('compile-hints: no chunk begins with src/app/renamed.tsx');
    expect(() => hintedChunks(bundle(), { ...OPTIONS, upFront: ['src/app/boot.tsx'] })).toThrow('src/app/boot.tsx');
  });
});

describe('the build step', () => {
  const run = (b: Rollup.OutputBundle) => {
    const plugin = recordViewCompileHints(OPTIONS);
    const hook = plugin.generateBundle as { order: string; handler: (this: unknown, o: unknown, b: Rollup.OutputBundle) => void };
    expect(hook.order).toBe('post');
    hook.handler.call({ error: (m: string) => { throw new Error(m); } }, {}, b);
    return b;
  };

  it('puts the hint on the first line of each such chunk and moves its source map down one line', () => {
    const b = run(bundle());
    expect((b['assets/results.js'] as Rollup.OutputChunk).code).toBe('//# allFunctionsCalledOnLoad\n/* assets/results.js */');
    expect(JSON.parse(String((b['assets/results.js.map'] as Rollup.OutputAsset).source)).mappings).toBe(';AAAA,CAAC;AACD');
    expect(COMPILE_HINT).toBe('//# allFunctionsCalledOnLoad\n');
  });

  it('leaves every other chunk and its map as they were', () => {
    const b = run(bundle());
    for (const name of ['app', 'launch', 'shared', 'bootstrap', 'react', 'detail', 'detail-lib']) {
      expect((b[`assets/${name}.js`] as Rollup.OutputChunk).code).toBe(`/* assets/${name}.js */`);
      expect(JSON.parse(String((b[`assets/${name}.js.map`] as Rollup.OutputAsset).source)).mappings).toBe('AAAA,CAAC;AACD');
    }
  });

  it('fails the build for a missing source path', () => {
    const plugin = recordViewCompileHints({ ...OPTIONS, hinted: ['src/app/renamed.tsx'] });
    const hook = plugin.generateBundle as { handler: (this: unknown, o: unknown, b: Rollup.OutputBundle) => void };
    expect(() => hook.handler.call({ error: (m: string) => { throw new Error(`build failed: ${m}`); } }, {}, bundle())).toThrow('build failed: compile-hints: no chunk begins with src/app/renamed.tsx');
  });
});
