import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { carePlan } from '../../../testing/records';
import { CarePlanList } from './care-plan-list';

const falls = carePlan('p1', {
  title: 'Falls prevention plan', category: 'Falls', start: '2026-03-04', activities: ['Home hazard assessment', 'Strength and balance classes'],
  careTeam: ['Community falls team', 'Julie Fenwick, District Nurse'],
});
const wound = carePlan('p2', { title: 'Wound care plan', status: 'completed', start: '2025-01-02', end: '2025-02-03' });

const plan = (title: string) => screen.getByRole('heading', { level: 3, name: new RegExp(title) }).closest('li') as HTMLElement;

describe('CarePlanList', () => {
  it('shows an active plan with title, category, period, organisation, care team and activities', () => {
    render(<CarePlanList carePlans={[falls, wound]} />);
    const item = within(plan('Falls prevention plan'));
    expect(item.getByText('Category').parentElement).toHaveTextContent('CategoryFalls');
    expect(item.getByText('Period').parentElement).toHaveTextContent('Periodfrom 04-Mar-2026');
    expect(item.getByText('Organisation').parentElement).toHaveTextContent('OrganisationRiverside Medical Practice');
    expect(item.getByText('Care team').parentElement).toHaveTextContent('Care teamCommunity falls team, Julie Fenwick, District Nurse');
    expect(item.getByText('Activities (2)')).toBeInTheDocument();
    expect(item.getByText('Strength and balance classes')).toBeInTheDocument();
  });

  it('folds away plans that are not active, with their status and period', () => {
    render(<CarePlanList carePlans={[falls, wound]} />);
    const details = screen.getByText('Completed and other care plans (1)').closest('details') as HTMLElement;
    expect(details).not.toHaveAttribute('open');
    const item = within(plan('Wound care plan'));
    expect(item.getByRole('heading')).toHaveTextContent('Wound care plancompleted');
    expect(item.getByText('Period').parentElement).toHaveTextContent('02-Jan-2025 to 03-Feb-2025');
    expect(item.getByText('Care team').parentElement).toHaveTextContent('Care teamnot recorded');
  });

  it('says when no plan is active', () => {
    render(<CarePlanList carePlans={[wound]} />);
    expect(screen.getByText('No active care plans recorded.')).toBeInTheDocument();
  });

  it('opens a plan’s detail from its View button', async () => {
    const onOpen = vi.fn();
    render(<CarePlanList carePlans={[falls]} onOpen={onOpen} />);
    await userEvent.click(screen.getByRole('button', { name: 'View Falls prevention plan from Riverside Medical Practice' }));
    expect(onOpen).toHaveBeenCalledWith(falls);
  });
});
