import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PatientBanner } from './patient-banner';

const details = () => within(screen.getByRole('region', { name: 'Patient' }));

describe('PatientBanner', () => {
  it('shows name, date of birth with age, gender and NHS number', () => {
    render(<PatientBanner model={{ name: 'HART, Amelia (Mrs)', born: '04-Mar-1948', age: '78y', gender: 'Female', nhsNumber: '943 476 5919' }} />);
    expect(details().getByRole('heading', { level: 2 })).toHaveTextContent('HART, Amelia (Mrs)');
    expect(details().getByText('Born').parentElement).toHaveTextContent('Born04-Mar-1948 (78y)');
    expect(details().getByText('Female')).toBeInTheDocument();
    expect(details().getByText('943 476 5919')).toBeInTheDocument();
    expect(details().queryByText('Deceased')).not.toBeInTheDocument();
  });

  it('says what is not recorded instead of leaving gaps', () => {
    render(<PatientBanner model={{ gender: 'Not recorded' }} />);
    expect(details().getByRole('heading')).toHaveTextContent('Name not recorded');
    expect(details().getByText('NHS number').parentElement).toHaveTextContent('NHS numbernot recorded');
    expect(details().getByText('Born').parentElement).toHaveTextContent('Bornnot recorded');
  });

  it('marks a deceased patient with the date and the age at death', () => {
    render(<PatientBanner model={{ name: 'HART, A', born: '04-Mar-1948', age: '76y', gender: 'Female', deceased: { date: '10-Jan-2025' } }} />);
    expect(details().getByText('Deceased')).toBeInTheDocument();
    expect(details().getByText('Died').parentElement).toHaveTextContent('Died10-Jan-2025 (76y)');
    expect(details().getByText('Born').parentElement).toHaveTextContent(/^Born04-Mar-1948$/);
  });
});
