// @vitest-environment node
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { simplePdf, toBase64, wrap } from './pdf';

/** The text of every page as PDF.js reads it: the same library the viewer draws with. */
async function pdfText(bytes: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: bytes, isEvalSupported: false, useSystemFonts: false, disableFontFace: true }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' ').replace(/\s+/g, ' ').trim());
  }
  await doc.destroy();
  return pages;
}

describe('simplePdf', () => {
  it('writes a PDF that PDF.js opens, with every page’s text', async () => {
    const bytes = simplePdf([{ lines: ['Discharge summary', 'Warfarin (INR 2.0-3.0) \\ continue'] }, { lines: ['Page two', 'Follow-up in clinic'] }], 'Discharge');
    expect(await pdfText(bytes)).toEqual(['Discharge summary Warfarin (INR 2.0-3.0) \\ continue', 'Page two Follow-up in clinic']);
  });
  it('round-trips through base64', () => {
    const bytes = simplePdf([{ lines: ['x'] }], 't');
    expect(Uint8Array.from(atob(toBase64(bytes)), (c) => c.charCodeAt(0))).toEqual(bytes);
  });
  it('wraps lines on spaces', () => {
    expect(wrap('aaa bbb ccc', 7)).toEqual(['aaa bbb', 'ccc']);
  });
});
