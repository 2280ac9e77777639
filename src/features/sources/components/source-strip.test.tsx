import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { SourceStatus } from '../../../domain/source-status';
import { SourceStrip } from './source-strip';

const status = (endpointId: string, organisationName: string, s: SourceStatus['status']): SourceStatus => ({ endpointId, organisationName, status: s });
const line = (name: string) => within(screen.getByText(name).closest('li') as HTMLElement);

describe('SourceStrip', () => {
  const sources = [
    status('gp', 'Riverside Medical Practice', { state: 'ok', counts: { medication: 3 }, tookMs: 800, asOf: '', unreadable: 2 }),
    status('mh', 'Fenland Mental Health', { state: 'failed', reason: 'Could not connect to the server', retryable: true, problem: 'unreachable' }),
    status('amb', 'Eastern Ambulance', { state: 'timed-out', afterMs: 15000 }),
    status('acute', 'Lea and Stort Hospitals', { state: 'excluded', reason: 'Date of birth differs' }),
    status('asc', 'Adult Social Care', { state: 'sign-in-needed', reason: 'Your sign-in there has ended' }),
  ];

  it('lists every organisation with its state, and the overall line', () => {
    render(<SourceStrip sources={sources} withheld={{ gp: 1 }} onRetry={vi.fn()} onSignIn={vi.fn()} />);
    const strip = within(screen.getByRole('region', { name: 'Sources' }));
    expect(strip.getByRole('status')).toHaveTextContent(
      'Incomplete record: Fenland Mental Health (not retrieved), Eastern Ambulance (not answering), Lea and Stort Hospitals (not included), Adult Social Care (sign-in needed)',
    );
    expect(line('Riverside Medical Practice').getByText('Up to date · 3 items · 0.8 s')).toBeInTheDocument();
    expect(line('Riverside Medical Practice').getByText('2 records could not be read and are not shown')).toBeInTheDocument();
    expect(line('Riverside Medical Practice').getByText('This organisation withheld some records.')).toBeInTheDocument();
    expect(line('Riverside Medical Practice').queryByRole('button')).toBeNull();
    expect(line('Lea and Stort Hospitals').getByText('Not included')).toBeInTheDocument();
    expect(line('Lea and Stort Hospitals').getByText(/^Date of birth differs\. Nothing from Lea and Stort Hospitals is shown/)).toBeInTheDocument();
    // Plain words first; the server's words only inside the "Technical detail" disclosure.
    const mh = screen.getByText('Fenland Mental Health').closest('li') as HTMLElement;
    expect(within(mh).getByText('Cannot be reached')).toBeVisible();
    expect(within(mh).getByText('Could not connect to the server').closest('details')).not.toHaveAttribute('open');
    expect(within(mh).getByText(/^Technical detail/)).toBeInTheDocument();
    expect(line('Lea and Stort Hospitals').queryByRole('button')).toBeNull();
  });

  it('offers "Try again" for a failed or unanswering source, for that source only, and for all of them', async () => {
    const onRetry = vi.fn();
    const onRetryAll = vi.fn();
    render(<SourceStrip sources={sources} onRetry={onRetry} onRetryAll={onRetryAll} onSignIn={vi.fn()} />);
    await userEvent.click(line('Fenland Mental Health').getByRole('button', { name: 'Try again for Fenland Mental Health' }));
    await userEvent.click(line('Eastern Ambulance').getByRole('button', { name: 'Try again for Eastern Ambulance' }));
    expect(onRetry.mock.calls).toEqual([['mh'], ['amb']]);
    await userEvent.click(screen.getByRole('button', { name: 'Try again for all 2 organisations' }));
    expect(onRetryAll).toHaveBeenCalledTimes(1);
  });

  it('says "Not answering" once a source has been signing in for 4 seconds without progress', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'Date'] });
    try {
      const { act } = await import('@testing-library/react');
      render(<SourceStrip sources={[status('mh', 'Fenland Mental Health', { state: 'authorising' })]} onRetry={vi.fn()} onSignIn={vi.fn()} />);
      expect(line('Fenland Mental Health').getByText('Signing in')).toBeInTheDocument();
      act(() => void vi.advanceTimersByTime(3000));
      expect(line('Fenland Mental Health').getByText('Signing in')).toBeInTheDocument();
      act(() => void vi.advanceTimersByTime(1000));
      expect(line('Fenland Mental Health').getByText('Not answering')).toBeInTheDocument();
    } finally {
      vi.useRealTimers();
    }
  });

  it('signs in from a click, and says why if that did not work', async () => {
    const onSignIn = vi.fn(async () => ({ state: 'sign-in-needed' as const, reason: 'The sign-in window was closed' }));
    render(<SourceStrip sources={sources} onRetry={vi.fn()} onSignIn={onSignIn} />);
    await userEvent.click(line('Adult Social Care').getByRole('button', { name: 'Sign in to Adult Social Care' }));
    expect(onSignIn).toHaveBeenCalledWith('asc');
    expect(await line('Adult Social Care').findByText('The sign-in window was closed')).toBeInTheDocument();
  });

  it('renders server text as text', () => {
    const hostile = [status('x', 'X', { state: 'failed', reason: '<img src=x onerror=alert(1)>', retryable: false, problem: 'refused' })];
    const { container } = render(<SourceStrip sources={hostile} onRetry={vi.fn()} onSignIn={vi.fn()} />);
    expect(container.querySelector('img')).toBeNull();
    expect(line('X').getByText('<img src=x onerror=alert(1)>')).toBeInTheDocument();
  });
});
