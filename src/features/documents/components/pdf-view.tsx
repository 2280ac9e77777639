import { useEffect, useRef, useState } from 'react';
import { ErrorNotice, Loading } from '../../../components/states';

type Pdf = typeof import('../pdf/render-pdf');

export interface PdfViewProps {
  bytes: Uint8Array;
  title: string;
}

/**
 * A PDF drawn in the page, one page at a time (a large scanned record is not drawn all at
 * once), with the page's text beneath as its text alternative. No download link, no
 * plug-in, no object or embed: PDF.js draws to a canvas. PDF.js itself is loaded here,
 * when the first PDF is opened.
 */
export function PdfView({ bytes, title }: PdfViewProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [pdf, setPdf] = useState<{ lib: Pdf; doc: Awaited<ReturnType<Pdf['loadPdf']>> }>();
  const [page, setPage] = useState(1);
  const [text, setText] = useState<string>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let cancelled = false;
    let loaded: { destroy(): Promise<void> } | undefined;
    import('../pdf/render-pdf')
      .then(async (lib) => {
        const doc = await lib.loadPdf(bytes);
        loaded = doc;
        if (cancelled) void doc.destroy();
        else setPdf({ lib, doc });
      })
      .catch(() => !cancelled && setError('The PDF could not be read'));
    return () => {
      cancelled = true;
      void loaded?.destroy();
    };
  }, [bytes]);

  useEffect(() => {
    if (!pdf || !canvasRef.current) return;
    let cancelled = false;
    const width = Math.min(800, canvasRef.current.parentElement?.clientWidth ?? 800);
    setText(undefined);
    pdf.lib.renderPage(pdf.doc, page, canvasRef.current, width).then(
      (t) => !cancelled && setText(t),
      () => !cancelled && setError(`Page ${page} could not be drawn`),
    );
    return () => {
      cancelled = true;
    };
  }, [pdf, page]);

  if (error) return <ErrorNotice title="This document could not be shown">{error}</ErrorNotice>;
  const pages = pdf?.doc.numPages ?? 0;
  return (
    <div className="pdf-view">
      {!pdf && <Loading>Drawing the document…</Loading>}
      {pages > 1 && (
        <nav className="pdf-pager" aria-label="Pages">
          <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>Previous page</button>
          <span aria-live="polite">{`Page ${page} of ${pages}`}</span>
          <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>Next page</button>
        </nav>
      )}
      <canvas ref={canvasRef} className="pdf-canvas" role="img" aria-label={`${title}, page ${page}${pages ? ` of ${pages}` : ''}: the text follows`} />
      {text !== undefined && (
        <div className="pdf-text">
          <h3 className="nhsuk-heading-xs">{`Text of page ${page}`}</h3>
          <pre className="pdf-text-body">{text}</pre>
        </div>
      )}
    </div>
  );
}
