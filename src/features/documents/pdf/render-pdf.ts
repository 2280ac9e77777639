/**
 * PDF drawing with PDF.js, in the page: this module is loaded only when a PDF is opened
 * (a dynamic import, so PDF.js is not in the first bundle). The worker script is served
 * from the app's own origin (Vite bundles it as a worker script): nothing is fetched from anywhere
 * else, and no eval (CSP script-src 'self'). The bytes are handed over, never cached.
 */
import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy } from 'pdfjs-dist';
// Bundled by Vite as a worker script of the app's own (a .js asset: servers type it correctly).
import PdfWorker from 'pdfjs-dist/build/pdf.worker.min.mjs?worker';

let worker: Worker | undefined;
function ensureWorker(): void {
  if (worker) return;
  worker = new PdfWorker();
  GlobalWorkerOptions.workerPort = worker;
}

export type PdfDocument = PDFDocumentProxy;

export async function loadPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  ensureWorker();
  // A copy: PDF.js transfers the buffer to its worker, and the caller keeps its own.
  return getDocument({
    data: bytes.slice(),
    isEvalSupported: false,
    enableXfa: false,
    disableAutoFetch: true,
    disableStream: true,
    useSystemFonts: true,
  }).promise;
}

/** Draws one page to the canvas at the given CSS width; returns the page's text (for the text alternative). */
export async function renderPage(doc: PDFDocumentProxy, pageNumber: number, canvas: HTMLCanvasElement, cssWidth: number): Promise<string> {
  const page = await doc.getPage(pageNumber);
  const base = page.getViewport({ scale: 1 });
  const ratio = typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1;
  const scale = (cssWidth / base.width) * ratio;
  const viewport = page.getViewport({ scale });
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
  canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;
  await page.render({ canvas, viewport }).promise;
  const content = await page.getTextContent();
  const lines: string[] = [];
  let line = '';
  for (const item of content.items) {
    if (!('str' in item)) continue;
    line += item.str;
    if (item.hasEOL) {
      lines.push(line);
      line = '';
    } else line += ' ';
  }
  if (line.trim()) lines.push(line);
  return lines.map((l) => l.trim()).join('\n');
}
