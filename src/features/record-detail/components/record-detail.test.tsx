import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Encounter } from 'fhir/r4';
import { describe, expect, it, vi } from 'vitest';
import { ACUTE, encounter, medication } from '../../../testing/records';
import { RecordDetail } from './record-detail';

const original: Encounter = {
  resourceType: 'Encounter',
  id: 'enc-000123',
  meta: { lastUpdated: '2026-11-02T11:15:00Z', versionId: '3' },
  status: 'finished',
  class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'EMER', display: 'emergency' },
  text: {
    status: 'generated',
    div: '<div xmlns="http://www.w3.org/1999/xhtml"><p>Seen in <b>A&amp;E</b></p><img src="x" onerror="window.hacked=1"><a href="javascript:alert(1)">more</a></div>',
  },
};
const aande = encounter('enc-000123', { start: '2026-11-02T09:30:00Z', end: '2026-11-02T13:00:00Z', type: 'A&E attendance', classCode: 'EMER', original }, ACUTE);
const URL = 'http://localhost:8433/fhir';

const dialog = () => within(screen.getByRole('dialog'));
const row = (label: string) => dialog().getAllByText(label, { selector: 'dt' })[0]?.parentElement as HTMLElement;

describe('RecordDetail', () => {
  it('is a dialog named by the item, showing what the summary read', () => {
    render(<RecordDetail record={aande} endpointUrl={URL} onClose={vi.fn()} />);
    expect(screen.getByRole('dialog', { name: /Encounter.*A&E attendance, 02-Nov-2026 09:30/ })).toBeInTheDocument();
    expect(row('Start')).toHaveTextContent('Start02-Nov-2026 09:30');
    expect(row('End')).toHaveTextContent('End02-Nov-2026 13:00');
    expect(row('Class')).toHaveTextContent('ClassEmergency');
  });

  it('says a document’s status in words: the version in use, and a draft as a draft', () => {
    const letter = {
      key: 'ouse-valley-acute/DocumentReference/d1', source: ACUTE, kind: 'document' as const, resourceType: 'DocumentReference' as const,
      original: { resourceType: 'DocumentReference', id: 'd1', status: 'current', docStatus: 'preliminary', content: [] } as never,
      title: 'Discharge summary', status: 'current', docStatus: 'preliminary', attachments: [],
    };
    render(<RecordDetail record={letter} onClose={vi.fn()} />);
    expect(row('Status')).toHaveTextContent('StatusCurrent; document preliminary (draft)');
  });

  it('tells apart a medicine reported as taken on admission and the ward’s order for it, both recorded in the contact', () => {
    const ref = 'Encounter/enc-000123';
    const onAdmission = medication('ms1', { resourceType: 'MedicationStatement', name: 'Paracetamol 500mg tablets', date: '2026-11-02', encounterRef: ref }, ACUTE);
    const wardOrder = medication('mr1', { name: 'Paracetamol 500mg tablets', date: '2026-11-02', encounterRef: ref, requestCategory: 'inpatient' }, ACUTE);
    render(<RecordDetail record={aande} records={[aande, onAdmission, wardOrder]} onClose={vi.fn()} />);
    const items = dialog().getAllByRole('listitem').filter((li) => li.closest('.detail-items'));
    expect(items.map((li) => li.textContent)).toEqual([
      'Medication: Paracetamol 500mg tablets (reported as taken), 02-Nov-2026',
      'Medication: Paracetamol 500mg tablets (inpatient order, given on the ward), 02-Nov-2026',
    ]);
  });

  it('shows provenance: organisation, ODS code, endpoint, last updated, resource and version', () => {
    render(<RecordDetail record={aande} endpointUrl={URL} onClose={vi.fn()} />);
    expect(row('Organisation')).toHaveTextContent('Ouse Valley Hospitals NHS Foundation Trust');
    expect(row('ODS code')).toHaveTextContent('R9A01');
    expect(row('Endpoint')).toHaveTextContent(URL);
    expect(row('Last updated')).toHaveTextContent('02-Nov-2026 11:15');
    expect(row('Resource')).toHaveTextContent('Encounter/enc-000123');
    expect(row('Version')).toHaveTextContent('3');
  });

  it('renders the narrative sanitised: formatting kept, the image handler and javascript: link gone', () => {
    const { baseElement } = render(<RecordDetail record={aande} onClose={vi.fn()} />);
    const narrative = baseElement.querySelector('.narrative') as HTMLElement;
    expect(narrative.querySelector('b')).toHaveTextContent('A&E');
    expect(narrative.querySelector('img')).toBeNull();
    expect(dialog().getByText('more')).not.toHaveAttribute('href');
    expect(dialog().queryByRole('link')).not.toBeInTheDocument();
  });

  it('lists every field of the source resource as text, folded away', async () => {
    render(<RecordDetail record={aande} onClose={vi.fn()} />);
    await userEvent.click(dialog().getByText(/^All fields in the source record/));
    const table = dialog().getByRole('table', { name: 'Fields of Encounter/enc-000123' });
    expect(within(table).getByRole('row', { name: /Class › Code/ })).toHaveTextContent('EMER');
    expect(table).not.toHaveTextContent('<img');
  });

  it('says when there is no narrative, and closes from its Close button', async () => {
    const onClose = vi.fn();
    render(<RecordDetail record={medication('m1', { dose: 'One daily' })} onClose={onClose} />);
    expect(dialog().getByText('This record has no narrative.')).toBeInTheDocument();
    expect(row('Endpoint')).toHaveTextContent('not known');
    await userEvent.click(dialog().getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalled();
  });
});
