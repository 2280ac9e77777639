import { act, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { SourceStatus } from '../domain/source-status';
import { DataAge } from './data-age';

const NOW = () => new Date('2026-11-21T10:45:00Z');
const ok = (id: string, asOf: string): SourceStatus => ({
  endpointId: id, organisationName: id, status: { state: 'ok', counts: {}, tookMs: 100, asOf, unreadable: 0 },
});

describe('DataAge', () => {
  it('says when the data was read, in London time', () => {
    render(<DataAge sources={[ok('a', '2026-11-21T10:42:10Z'), ok('b', '2026-11-21T10:42:50Z')]} now={NOW} />);
    expect(screen.getByText('Data as of 10:42')).toBeInTheDocument();
  });

  it('gives the range when organisations answered at different times, with the date when not today', () => {
    render(<DataAge sources={[ok('a', '2026-11-20T16:00:00Z'), ok('b', '2026-11-21T10:42:00Z')]} now={NOW} />);
    expect(screen.getByText('Data as of 20-Nov-2026 16:00 to 10:42')).toBeInTheDocument();
  });

  it('says nothing until an organisation has answered', () => {
    const { container } = render(<DataAge sources={[{ endpointId: 'a', organisationName: 'A', status: { state: 'loading', pagesSoFar: 0 } }]} now={NOW} />);
    expect(container).toBeEmptyDOMElement();
  });

  it('gains the date once midnight has passed on a page left open', () => {
    vi.useFakeTimers();
    try {
      // 18:26 London on 6 December (GMT); the clock then reads 23:59:30, then past midnight.
      let clock = new Date('2026-12-06T23:59:30Z');
      render(<DataAge sources={[ok('a', '2026-12-06T18:26:00Z')]} now={() => clock} />);
      expect(screen.getByText('Data as of 18:26')).toBeInTheDocument();
      clock = new Date('2026-12-07T00:00:30Z');
      act(() => vi.advanceTimersByTime(60_000));
      expect(screen.getByText('Data as of 06-Dec-2026 18:26')).toBeInTheDocument();
    } finally {
      vi.useRealTimers();
    }
  });
});
