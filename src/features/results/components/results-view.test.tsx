import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ReportRecord, ResultRecord, SourceRef } from '../../../domain/records';
import { ResultsView } from './results-view';

const GP: SourceRef = { endpointId: 'riverside-gp', organisationName: 'Riverside Medical Practice', odsCode: 'D99001' };
const ACUTE: SourceRef = { endpointId: 'ouse-valley-acute', organisationName: 'Ouse Valley Hospitals', odsCode: 'R9A01' };
const INR = { system: 'http://snomed.info/sct', code: '440685005' };
let n = 0;
const result = (source: SourceRef, name: string, value: number, date: string, unit?: string, extra: Partial<ResultRecord> = {}): ResultRecord => ({
  key: `${source.endpointId}/Observation/${++n}`, source, kind: 'result', resourceType: 'Observation', original: { resourceType: 'Observation' } as never,
  name, codes: name === 'INR' ? [INR] : [], status: 'final', value: { kind: 'quantity', value, ...(unit ? { unit, ucum: unit } : {}) }, date, ...extra,
});

const results = [
  result(GP, 'INR', 2.4, '2026-03-01', undefined, { referenceRange: { low: 2, high: 3 } }),
  result(ACUTE, 'INR', 4.9, '2026-09-02', undefined, { interpretation: { level: 'high', text: 'High', source: 'laboratory' } }),
  result(ACUTE, 'Serum potassium level', 6.8, '2026-09-02', 'mmol/L', { interpretation: { level: 'critical-high', text: 'Critical high', source: 'laboratory' }, referenceRange: { low: 3.5, high: 5.3, unit: 'mmol/L' } }),
];
const xray: ReportRecord = {
  key: 'ouse-valley-acute/DiagnosticReport/x', source: ACUTE, kind: 'report', resourceType: 'DiagnosticReport', original: { resourceType: 'DiagnosticReport' } as never,
  name: 'XR chest', codes: [], status: 'final', date: '2026-09-02', conclusion: 'Cardiomegaly.', resultKeys: [], presentedForms: [], governedWith: [], unresolvedResults: 0,
};

describe('ResultsView', () => {
  it('groups a test across organisations, latest first, with the critical value in words and a trend with its table', () => {
    render(<ResultsView results={results} reports={[xray]} />);
    const inr = screen.getByRole('region', { name: 'INR' });
    expect(within(inr).getByText(/^Latest:/).parentElement).toHaveTextContent('Latest: 4.9 High 02-Sep-2026, Ouse Valley Hospitals');
    expect(within(inr).getAllByRole('row').slice(1).map((r) => r.textContent)).toEqual([
      expect.stringContaining('Ouse Valley Hospitals'), expect.stringContaining('Riverside Medical Practice'),
    ]);
    expect(within(inr).getByRole('img')).toHaveAccessibleName(/INR: 2 values from Riverside Medical Practice and Ouse Valley Hospitals/);
    const k = screen.getByRole('region', { name: 'Serum potassium level' });
    expect(within(k).getAllByText('Critical high')[0]).toBeInTheDocument();
    expect(within(k).queryByRole('img')).toBeNull();
    expect(screen.getByText('Conclusion: Cardiomegaly.')).toBeInTheDocument();
  });
  it('gives each organisation the same marker on every chart, whichever reported first', () => {
    const HB = { system: 'http://snomed.info/sct', code: '271026005' };
    // INR: the practice first (March), then the hospital; haemoglobin: the hospital first, then the practice.
    const hb = [
      result(ACUTE, 'Haemoglobin', 121, '2026-02-01', 'g/L', { codes: [HB] }),
      result(GP, 'Haemoglobin', 118, '2026-06-01', 'g/L', { codes: [HB] }),
    ];
    render(<ResultsView results={[...results, ...hb]} reports={[]} />);
    const markerOf = (test: string, organisation: string) => {
      const legend = [...screen.getByRole('region', { name: test }).querySelectorAll('figcaption .trend-legend-item')].find((l) => l.textContent === organisation);
      return legend?.querySelector('svg')?.getAttribute('class');
    };
    expect(markerOf('INR', 'Riverside Medical Practice')).toBe(markerOf('Haemoglobin', 'Riverside Medical Practice'));
    expect(markerOf('INR', 'Ouse Valley Hospitals')).toBe(markerOf('Haemoglobin', 'Ouse Valley Hospitals'));
    expect(markerOf('INR', 'Riverside Medical Practice')).not.toBe(markerOf('INR', 'Ouse Valley Hospitals'));
  });

  it('filters by test name', async () => {
    render(<ResultsView results={results} reports={[]} />);
    await userEvent.type(screen.getByLabelText('Test name'), 'potass');
    expect(screen.queryByRole('region', { name: 'INR' })).toBeNull();
    expect(screen.getByRole('region', { name: 'Serum potassium level' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('1 of 2 tests shown');
  });

  it('filters by dates typed the way they are written in England, and says when the range is backwards', async () => {
    render(<ResultsView results={results} reports={[]} />);
    const to = screen.getByRole('textbox', { name: 'To' });
    // Day first: 1 June 2026 leaves only the INR of 01-Mar-2026, not September's results.
    await userEvent.type(to, '01/06/2026');
    expect(screen.getByRole('status')).toHaveTextContent('1 of 2 tests shown');
    expect(screen.queryByRole('region', { name: 'Serum potassium level' })).toBeNull();
    expect(within(screen.getByRole('region', { name: 'INR' })).getByText(/^Latest:/).parentElement).toHaveTextContent('Latest: 2.4 01-Mar-2026, Riverside Medical Practice');
    await userEvent.type(screen.getByRole('textbox', { name: 'From' }), '2 Sep 2026');
    expect(screen.getByText('The from date must be on or before the to date')).toBeInTheDocument();
    expect(to).toHaveAttribute('aria-invalid', 'true');
    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(screen.getByRole('status')).toHaveTextContent('2 of 2 tests shown');
    expect(to).toHaveValue('');
    expect(screen.getByRole('region', { name: 'Serum potassium level' })).toBeInTheDocument();
  });

  it('says once where an interpretation came from: the laboratory’s word, or the range', () => {
    const derived = result(GP, 'Serum sodium level', 128, '2026-10-01', 'mmol/L', {
      referenceRange: { low: 133, high: 146, unit: 'mmol/L' }, interpretation: { level: 'low', text: 'Below the reference range', source: 'reference-range' },
    });
    render(<ResultsView results={[derived]} reports={[]} />);
    const sodium = screen.getByRole('region', { name: 'Serum sodium level' });
    expect(within(sodium).getByText(/^Latest:/).parentElement).toHaveTextContent('Latest: 128 mmol/L Below the reference range 01-Oct-2026, Riverside Medical Practice');
    expect(within(sodium).queryByText(/from the reference range/)).toBeNull();
  });

  it('holds the reports to the same dates: none from outside them on a filtered page', async () => {
    const ue: ReportRecord = { ...xray, key: 'ouse-valley-acute/DiagnosticReport/ue', name: 'Urea and electrolytes', date: '2026-10-30', conclusion: undefined };
    render(<ResultsView results={results} reports={[xray, ue]} />);
    await userEvent.type(screen.getByRole('textbox', { name: 'From' }), '01-Oct-2026');
    const section = screen.getByRole('region', { name: 'Reports' });
    // The X-ray of 02-Sep-2026 is outside; the U&E of 30-Oct-2026 inside.
    expect(within(section).queryByText('XR chest')).toBeNull();
    expect(within(section).getByText('Urea and electrolytes')).toBeInTheDocument();
    expect(within(section).getByRole('status')).toHaveTextContent('1 of 2 reports shown');
    await userEvent.clear(screen.getByRole('textbox', { name: 'From' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'From' }), '31-Oct-2026');
    expect(within(section).getByText('No reports match the filter.')).toBeInTheDocument();
  });

  it('says in words when a report is not yet final', () => {
    render(<ResultsView results={[]} reports={[{ ...xray, status: 'partial' }]} />);
    // R4 diagnostic-report-status "partial": some results are still to come.
    expect(screen.getByText('XR chest').parentElement).toHaveTextContent('XR chest 02-Sep-2026, Ouse Valley Hospitals · Partial (some results to come)Conclusion: Cardiomegaly.');
  });
});
