import { describe, expect, it } from 'vitest';
import type { DocumentRecord } from '../records';
import { attachmentDescription, attachmentKind, binaryPath, sortDocuments } from './attachment-kind';

describe('attachmentKind', () => {
  it('draws PDFs, shows HTML and text through the sanitiser, and opens nothing else', () => {
    expect(attachmentKind('application/pdf')).toBe('pdf');
    expect(attachmentKind('text/html; charset=utf-8')).toBe('html');
    expect(attachmentKind('TEXT/PLAIN')).toBe('text');
    expect(attachmentKind('application/msword')).toBe('other');
    expect(attachmentKind('image/svg+xml')).toBe('other');
    expect(attachmentKind(undefined)).toBe('other');
  });
  it('describes what is not opened', () => {
    expect(attachmentDescription({ contentType: 'application/msword', size: 30_000 })).toBe('application/msword document, 29 kB: not opened by this viewer');
    expect(attachmentDescription({ contentType: 'application/pdf', size: 3 * 1024 * 1024 })).toBe('PDF document, 3.0 MB');
  });
});

describe('binaryPath', () => {
  const base = 'https://fhir.ouse.example/fhir';
  it('accepts a Binary on the endpoint, relative or absolute', () => {
    expect(binaryPath('Binary/b-1', base)).toBe('Binary/b-1');
    expect(binaryPath(`${base}/Binary/b-1`, base)).toBe('Binary/b-1');
  });
  it('refuses anything else: another server, a search, a path that climbs', () => {
    expect(binaryPath('https://evil.example/fhir/Binary/b-1', base)).toBeUndefined();
    expect(binaryPath('Binary?_id=1', base)).toBeUndefined();
    expect(binaryPath('Binary/../Patient/1', base)).toBeUndefined();
    expect(binaryPath(['javascript', 'alert(1)'].join(':'), base)).toBeUndefined();
  });
});

describe('sortDocuments', () => {
  it('puts the newest letter first by when it was written, whatever offset its time was given in; undated last', () => {
    const docs = [
      { key: 'ouse/letter-10-bst', date: '2026-06-01T10:00:00+01:00' }, // 09:00 UTC
      { key: 'gp/undated' },
      { key: 'lea/letter-0930z', date: '2026-06-01T09:30:00Z' },
    ] as unknown as DocumentRecord[];
    expect(sortDocuments(docs).map((d) => d.key)).toEqual(['lea/letter-0930z', 'ouse/letter-10-bst', 'gp/undated']);
  });
});

