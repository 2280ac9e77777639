import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { groupConditions } from '../../../domain/group-conditions';
import type { ConditionRecord, SourceRef } from '../../../domain/records';
import { ACUTE, GP } from '../../../testing/records';
import { ProblemList } from './problem-list';

const condition = (source: SourceRef, id: string, o: Partial<ConditionRecord>): ConditionRecord => ({
  key: `${source.endpointId}/Condition/${id}`, source, original: { resourceType: 'Condition', id } as never, kind: 'condition',
  text: 'Atrial fibrillation', codes: [{ system: 'http://snomed.info/sct', code: '49436004' }], clinicalStatus: 'active', category: 'problem-list-item', ...o,
});

describe('ProblemList', () => {
  it('shows one line per problem with every organisation, diagnoses at contacts apart, resolved folded, refuted said', () => {
    render(<ProblemList summary={groupConditions([
      condition(GP, 'c1', { onset: '2015-03-01', recordedDate: '2015-03-02' }),
      condition(ACUTE, 'c2', { category: 'encounter-diagnosis', recordedDate: '2026-10-29' }),
      condition(ACUTE, 'c3', { text: 'Bleeding from ear', codes: [], category: 'encounter-diagnosis' }),
      condition(GP, 'c4', { text: 'Loosening of total hip replacement', codes: [], clinicalStatus: 'resolved' }),
      condition(GP, 'c5', { text: 'Asthma', codes: [], clinicalStatus: 'refuted' }),
    ])} />);
    const af = within(screen.getByRole('table', { name: 'Active problems (1)' })).getByRole('row', { name: /^Atrial fibrillation/ });
    expect(af).toHaveTextContent(/Atrial fibrillation01-Mar-201529-Oct-2026Ouse Valley Hospitals NHS Foundation Trust 29-Oct-2026 · Active, Diagnosis at a contactRiverside Medical Practice 02-Mar-2015 · Active, Problem list/);
    expect(within(screen.getByRole('table', { name: 'Diagnoses recorded at contacts (1)' })).getByRole('row', { name: /^Bleeding from ear/ })).toBeInTheDocument();
    expect(screen.getByText('Not listed: Asthma, ruled out (refuted) by Riverside Medical Practice.')).toBeInTheDocument();
    const folded = screen.getByText('Resolved or inactive problems (1)').closest('details') as HTMLElement;
    expect(folded).not.toHaveAttribute('open');
    expect(within(folded).getByRole('row', { name: /^Loosening of total hip replacement/ })).toHaveTextContent('Resolved');
  }, 30_000);
});
