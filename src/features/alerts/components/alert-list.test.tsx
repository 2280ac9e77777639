import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ACUTE, alert } from '../../../testing/records';
import { AlertList } from './alert-list';

describe('AlertList', () => {
  it('shows each alert with its category, date and organisation; an allergy with its reaction and severity', () => {
    render(
      <AlertList
        alerts={[
          alert('f1', { text: 'Safeguarding concern', category: 'Safety', start: '2026-05-06' }),
          alert('a1', { resourceType: 'AllergyIntolerance', text: 'Penicillin', category: 'allergy', reactions: ['Rash'], severity: 'severe', criticality: 'high' }, ACUTE),
          alert('f2', { text: 'Pressure ulcer risk', status: 'inactive' }),
        ]}
      />,
    );
    const [flag, allergy, inactive] = screen.getAllByRole('listitem');
    expect(flag).toHaveTextContent('Safeguarding concernSafety06-May-2026Riverside Medical Practice');
    expect(allergy).toHaveTextContent('PenicillinAllergyReaction: RashSeverity: severeCriticality: highdate not recordedOuse Valley Hospitals NHS Foundation Trust');
    expect(inactive).toHaveTextContent('Pressure ulcer riskinactive');
  });

  it('renders server text as text', () => {
    const { container } = render(<AlertList alerts={[alert('f1', { text: '<img src=x onerror=alert(1)>' })]} />);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeInTheDocument();
  });
});
