import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { DateField } from './date-field';

function Harness() {
  const [value, setValue] = useState('');
  return (
    <>
      <DateField id="from" label="From" value={value} onChange={setValue} />
      <p>{`applied: ${value || 'none'}`}</p>
      <button type="button" onClick={() => setValue('')}>Clear</button>
    </>
  );
}

describe('DateField', () => {
  it('applies a date as soon as it reads as one, day first, and shows it back in CUI form', async () => {
    render(<Harness />);
    await userEvent.type(screen.getByLabelText('From'), '4/3/2026');
    expect(screen.getByText('applied: 2026-03-04')).toBeInTheDocument();
    await userEvent.tab();
    expect(screen.getByLabelText('From')).toHaveValue('04-Mar-2026');
  });

  it('says what it cannot read when the field is left, keeping the last date', async () => {
    render(<Harness />);
    await userEvent.type(screen.getByLabelText('From'), '04-Mar-2026');
    await userEvent.clear(screen.getByLabelText('From'));
    await userEvent.type(screen.getByLabelText('From'), '31-Feb-2026');
    await userEvent.tab();
    expect(screen.getByText('Enter the from date like 04-Mar-2026')).toBeInTheDocument();
    expect(screen.getByLabelText('From')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('From')).toHaveAccessibleDescription(/Enter the from date like 04-Mar-2026/);
    expect(screen.getByText('applied: none')).toBeInTheDocument();
  });

  it('is emptied when the value is cleared from outside', async () => {
    render(<Harness />);
    await userEvent.type(screen.getByLabelText('From'), '2026-03-04');
    await userEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(screen.getByLabelText('From')).toHaveValue('');
  });
});
