import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ACUTE, alert } from '../../../testing/records';
import { AlertList } from './alert-list';

const safeguarding = alert('f1', { text: 'Adult safeguarding concern', category: 'Safety', start: '2026-05-06' });
const penicillin = alert('a1', { resourceType: 'AllergyIntolerance', text: 'Penicillin', category: 'allergy', reactions: ['Rash', 'Wheeze'], severity: 'severe', criticality: 'high' }, ACUTE);
const healed = alert('f2', { text: 'Pressure ulcer risk', status: 'inactive', category: 'Clinical' });

describe('AlertList', () => {
  it('puts active alerts in a warning callout with category, date and organisation', () => {
    render(<AlertList alerts={[safeguarding, penicillin, healed]} />);
    expect(screen.getByRole('heading', { level: 3, name: /Important:\s?Active alerts \(1\)/ })).toBeInTheDocument();
    const [item] = within(screen.getByRole('list')).getAllByRole('listitem');
    expect(item).toHaveTextContent('SafetyAdult safeguarding concern06-May-2026Riverside Medical Practice');
  });

  it('shows allergies in force with reaction, severity and criticality, by organisation', () => {
    render(<AlertList alerts={[safeguarding, penicillin]} />);
    const table = screen.getByRole('table', { name: 'Allergies and intolerances' });
    const row = within(table).getByRole('row', { name: /Penicillin/ });
    expect(row).toHaveTextContent('PenicillinAllergyRash, Wheezeseverehighdate not recorded');
    expect(row).toHaveTextContent('Ouse Valley Hospitals NHS Foundation Trust');
  });

  it('folds away what is no longer in force, counted, and says when nothing is active', () => {
    render(<AlertList alerts={[healed]} />);
    expect(screen.getByText('No active alerts recorded.')).toBeInTheDocument();
    expect(screen.getByText('No active allergies or intolerances recorded.')).toBeInTheDocument();
    const details = screen.getByText('Alerts and allergies no longer in force (1)').closest('details') as HTMLElement;
    expect(details).not.toHaveAttribute('open');
    expect(within(details).getByRole('row', { name: /Pressure ulcer risk/ })).toHaveTextContent('inactive');
  });

  it('opens an item’s detail from its View button, named for the item', async () => {
    const onOpen = vi.fn();
    render(<AlertList alerts={[safeguarding, penicillin]} onOpen={onOpen} />);
    await userEvent.click(screen.getByRole('button', { name: 'View Penicillin from Ouse Valley Hospitals NHS Foundation Trust' }));
    expect(onOpen).toHaveBeenCalledWith(penicillin);
  });

  it('renders server text as text', () => {
    const { container } = render(<AlertList alerts={[alert('f1', { text: '<img src=x onerror=alert(1)>' })]} />);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeInTheDocument();
  });
});
