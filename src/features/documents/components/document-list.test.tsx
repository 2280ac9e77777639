import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { DocumentRecord } from '../../../domain/records';
import { ACUTE, GP } from '../../../testing/records';
import { DocumentList } from './document-list';

const doc = (id: string, o: Partial<DocumentRecord>, source = ACUTE): DocumentRecord => ({
  key: `${source.endpointId}/DocumentReference/${id}`, source, kind: 'document', resourceType: 'DocumentReference',
  original: { resourceType: 'DocumentReference', id, status: 'current', content: [] } as never,
  title: 'Discharge summary', status: 'current', attachments: [], ...o,
});

const summary = doc('d1', { date: '2026-10-31T15:00:00Z', docStatus: 'final', attachments: [{ contentType: 'application/pdf', url: 'Binary/b1', size: 120_000 }] });
const letter = doc('d2', { title: 'Clinic letter', date: '2026-09-12', attachments: [{ contentType: 'application/msword', url: 'Binary/b2', size: 30_000 }] }, GP);
const care = doc('c1', { resourceType: 'Composition', title: 'Community nursing care summary', status: 'preliminary', date: '2026-08-01' });

describe('DocumentList', () => {
  it('lists each document with its status in words and what the viewer does with its content', () => {
    render(<DocumentList documents={[letter, care, summary]} />);
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      'Discharge summary31-Oct-2026 15:00Ouse Valley Hospitals NHS Foundation TrustCurrentPDF document, 117 kB',
      'Clinic letter12-Sep-2026Riverside Medical PracticeCurrentWord document, 29 kB: not opened by this viewer',
      'Community nursing care summary01-Aug-2026Ouse Valley Hospitals NHS Foundation TrustPreliminary (draft)Document in sections',
    ]);
  });

  it('opens a document’s detail from its View button, as every other item has', async () => {
    const onOpen = vi.fn();
    render(<DocumentList documents={[summary, letter]} onOpen={onOpen} />);
    const row = screen.getByRole('row', { name: /^Clinic letter/ });
    await userEvent.click(within(row).getByRole('button', { name: 'View Clinic letter from Riverside Medical Practice' }));
    expect(onOpen).toHaveBeenCalledWith(letter);
  });
});
