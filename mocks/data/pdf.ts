/**
 * A small, valid PDF 1.4 writer for the synthetic world's letters: pages of Helvetica
 * text, a correct cross-reference table, nothing downloaded. Written here rather than
 * shipped as files so that the world stays deterministic and every byte is explained.
 */

/** Escapes a line for a PDF literal string; characters outside Latin-1 become "?". */
function pdfString(s: string): string {
  return s.replace(/[^\x20-\x7e\xa0-\xff]/g, '?').replace(/[\\()]/g, (c) => `\\${c}`);
}

export interface PdfPage {
  /** Lines from the top; the first is drawn larger, as the page's heading. */
  lines: string[];
}

/** A4 portrait, 1-inch margins, 11 pt text with 14 pt leading. */
function contentStream(page: PdfPage): string {
  const [heading = '', ...rest] = page.lines;
  const body = rest.map((l) => `(${pdfString(l)}) Tj T*`).join('\n');
  return `BT\n/F1 16 Tf\n72 770 Td\n(${pdfString(heading)}) Tj\n/F1 11 Tf\n14 TL\n0 -28 Td\n${body}\nET`;
}

/** The PDF's bytes (Latin-1). */
export function simplePdf(pages: PdfPage[], title: string): Uint8Array {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body);
  // 1: catalog, 2: pages, 3: font, 4: info; then per page a page object and its content stream.
  add('<< /Type /Catalog /Pages 2 0 R >>');
  const kids = pages.map((_, i) => `${5 + i * 2} 0 R`).join(' ');
  add(`<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`);
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  add(`<< /Title (${pdfString(title)}) /Producer (My Care Record sandbox) >>`);
  for (const [i, page] of pages.entries()) {
    const stream = contentStream(page);
    add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${6 + i * 2} 0 R >>`);
    add(`<< /Length ${latin1Length(stream)} >>\nstream\n${stream}\nendstream`);
  }
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(latin1Length(out));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = latin1Length(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 4 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return latin1Bytes(out);
}

function latin1Length(s: string): number {
  return s.length;
}

function latin1Bytes(s: string): Uint8Array {
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i) & 0xff;
  return bytes;
}

/** Base64 of bytes, for Binary.data. */
export function toBase64(bytes: Uint8Array): string {
  // Node's btoa is slow on a megabyte; its Buffer is not (the browser has no Buffer, but fast btoa).
  const nodeBuffer = (globalThis as { Buffer?: { from(b: Uint8Array): { toString(enc: string): string } } }).Buffer;
  if (nodeBuffer) return nodeBuffer.from(bytes).toString('base64');
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Lines wrapped at `width` characters on spaces. */
export function wrap(text: string, width = 90): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line && line.length + word.length + 1 > width) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(line);
  }
  return lines;
}
