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

  it('an impossible date keeps the typed text with its error, and stops filtering by the old date', async () => {
    render(<Harness />);
    const field = screen.getByLabelText('From');
    await userEvent.type(field, '04-Mar-2026');
    expect(screen.getByText('applied: 2026-03-04')).toBeInTheDocument();
    await userEvent.tripleClick(field);
    await userEvent.keyboard('31/02/2026');
    await userEvent.tab();
    expect(field).toHaveValue('31/02/2026');
    const error = 'Enter a real from date, like 04-Mar-2026. Until then no from date is applied.';
    expect(screen.getByText(error)).toBeInTheDocument();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(new RegExp(error.replace(/\./g, '\\.')));
    expect(screen.getByText('applied: none')).toBeInTheDocument();
  });

  it('is emptied when the value is cleared from outside', async () => {
    render(<Harness />);
    await userEvent.type(screen.getByLabelText('From'), '2026-03-04');
    await userEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(screen.getByLabelText('From')).toHaveValue('');
  });
});
