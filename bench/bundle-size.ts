/**
 * The initial download of an HTML entry in a Vite build: the files its <script src>,
 * <link rel="modulepreload"> and <link rel="stylesheet"> tags name (what the browser
 * fetches before the page can run; later dynamic imports are not counted), each
 * gzip-compressed with node:zlib at level 6 (the usual server setting).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface EntrySize {
  entry: string;
  gzipKb: number;
  rawKb: number;
  files: Array<{ file: string; gzipKb: number }>;
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 100) / 100;

/** Local asset URLs an HTML page loads up front, in document order, without repeats. */
export function initialAssets(html: string): string[] {
  const urls: string[] = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const attr = (name: string) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(tag)?.[1];
    const isScript = /^<script/i.test(tag);
    const rel = attr('rel')?.toLowerCase() ?? '';
    const url = isScript ? attr('src') : ['modulepreload', 'stylesheet'].some((r) => rel.split(/\s+/).includes(r)) ? attr('href') : undefined;
    if (url && !/^[a-z]+:/i.test(url) && !url.startsWith('//') && !urls.includes(url)) urls.push(url);
  }
  return urls;
}

export async function entrySize(distDir: string, entryHtml: string): Promise<EntrySize> {
  const html = await readFile(join(distDir, entryHtml), 'utf8');
  const base = entryHtml.includes('/') ? entryHtml.slice(0, entryHtml.lastIndexOf('/') + 1) : '';
  const files = [];
  let gz = 0;
  let raw = 0;
  for (const url of initialAssets(html)) {
    const path = url.startsWith('/') ? url.slice(1) : `${base}${url}`;
    const body = await readFile(join(distDir, path.split(/[?#]/)[0]!));
    const size = gzipSync(body, { level: 6 }).length;
    gz += size;
    raw += body.length;
    files.push({ file: path, gzipKb: kb(size) });
  }
  return { entry: entryHtml, gzipKb: kb(gz), rawKb: kb(raw), files };
}
