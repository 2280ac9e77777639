import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatCuiDateTime, formatCuiTime, RecordDate, RecordPeriod } from './record-date';

describe('CUI dates and times', () => {
  it('shows times on the 24-hour clock in Europe/London, summer and winter', () => {
    expect(formatCuiTime(new Date('2026-07-01T09:42:00Z'))).toBe('10:42');
    expect(formatCuiTime(new Date('2026-11-21T15:05:00Z'))).toBe('15:05');
    expect(formatCuiDateTime('2026-06-30T23:30:00Z')).toBe('01-Jul-2026 00:30');
  });

  it('shows a date without a time as the date alone, and nothing for what cannot be read', () => {
    expect(formatCuiDateTime('2026-03-04')).toBe('04-Mar-2026');
    expect(formatCuiDateTime('yesterday')).toBeUndefined();
    expect(formatCuiDateTime(undefined)).toBeUndefined();
  });

  it('renders a date, a period, and says when a date is missing', () => {
    render(
      <>
        <RecordDate value="2026-03-04" />
        <RecordDate value="not a date" />
        <RecordPeriod start="2025-01-02" end="2025-02-03" />
      </>,
    );
    expect(screen.getByText('04-Mar-2026')).toHaveAttribute('datetime', '2026-03-04');
    expect(screen.getByText('date not recorded')).toBeInTheDocument();
    expect(screen.getByText('02-Jan-2025').parentElement).toHaveTextContent('02-Jan-2025 to 03-Feb-2025');
  });
});
