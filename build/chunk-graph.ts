import type { Rollup } from 'vite';

/**
 * The chunks `starts` name and every chunk they import statically, recursively, in the
 * order first reached (depth first); assets and names not in the bundle are left out.
 * What a browser loads at once when it runs one of `starts`.
 */
export function staticClosure(bundle: Rollup.OutputBundle, starts: readonly string[]): Rollup.OutputChunk[] {
  const seen = new Map<string, Rollup.OutputChunk>();
  const visit = (fileName: string) => {
    const chunk = bundle[fileName];
    if (chunk?.type !== 'chunk' || seen.has(fileName)) return;
    seen.set(fileName, chunk);
    chunk.imports.forEach(visit);
  };
  starts.forEach(visit);
  return [...seen.values()];
}
