import { describe, expect, it } from 'vitest';
import type { DocumentRecord } from '../records';
import { attachmentDescription, attachmentKind, binaryPath, sortDocuments, documentStatusWords } from './attachment-kind';

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
    expect(attachmentDescription({ contentType: 'application/msword', size: 30_000 })).toBe('Word document, 29 kB: not opened by this viewer');
    expect(attachmentDescription({ contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' })).toBe('Word document: not opened by this viewer');
    expect(attachmentDescription({ contentType: 'image/jpeg; charset=binary' })).toBe('JPEG image: not opened by this viewer');
    // A type it has no words for is named as sent.
    expect(attachmentDescription({ contentType: 'application/x-unheard-of' })).toBe('application/x-unheard-of document: not opened by this viewer');
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


describe('documentStatusWords', () => {
  // FHIR R4: DocumentReference.status is document-reference-status, docStatus and Composition.status composition-status.
  it('says whether a DocumentReference is the version in use, and how finished it is only when not final', () => {
    expect(documentStatusWords({ resourceType: 'DocumentReference', status: 'current', docStatus: 'final' })).toBe('Current');
    expect(documentStatusWords({ resourceType: 'DocumentReference', status: 'current' })).toBe('Current');
    expect(documentStatusWords({ resourceType: 'DocumentReference', status: 'current', docStatus: 'preliminary' })).toBe('Current; document preliminary (draft)');
    expect(documentStatusWords({ resourceType: 'DocumentReference', status: 'superseded', docStatus: 'amended' })).toBe('Superseded (a newer version exists); document amended');
  });

  it('reads a Composition’s status from its own value set, never as a DocumentReference status', () => {
    expect(documentStatusWords({ resourceType: 'Composition', status: 'final' })).toBe('Final');
    expect(documentStatusWords({ resourceType: 'Composition', status: 'preliminary' })).toBe('Preliminary (draft)');
  });

  it('never shows a status code bare', () => {
    expect(documentStatusWords({ resourceType: 'DocumentReference', status: 'archived' })).toBe('not a known code (“archived”)');
  });
});
