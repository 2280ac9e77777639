import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { carePlan } from '../../../testing/records';
import { CarePlanList } from './care-plan-list';

describe('CarePlanList', () => {
  it('shows title, category, period, activities and organisation', () => {
    render(
      <CarePlanList
        carePlans={[
          carePlan('p1', { title: 'Falls prevention plan', category: 'Falls', start: '2026-03-04', activities: ['Home hazard assessment', 'Strength and balance classes'] }),
          carePlan('p2', { title: 'Wound care plan', status: 'completed', start: '2025-01-02', end: '2025-02-03' }),
        ]}
      />,
    );
    const [first, second] = screen.getAllByRole('listitem').filter((li) => li.parentElement?.parentElement?.tagName !== 'LI');
    expect(first).toHaveTextContent('Falls prevention plan');
    expect(first).toHaveTextContent('Fallsfrom 04-Mar-2026Riverside Medical Practice');
    expect(within(first as HTMLElement).getByText('Strength and balance classes')).toBeInTheDocument();
    expect(second).toHaveTextContent('Wound care plancompleted');
    expect(second).toHaveTextContent('02-Jan-2025 to 03-Feb-2025Riverside Medical Practice');
  });
});
