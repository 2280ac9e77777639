import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ACUTE, encounter } from '../../../testing/records';
import { EncounterList } from './encounter-list';

/** jsdom has no layout: give every element a size, so the virtualiser sees a 420 px window of 32 px rows. */
beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(420);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(900);
  vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockReturnValue(32);
});
afterEach(() => vi.restoreAllMocks());

const rows = () => within(screen.getByRole('region', { name: /^Encounter list/ })).queryAllByRole('listitem');

describe('EncounterList', () => {
  it('shows date, type and organisation for each contact, in the order given, marking possible duplicates', () => {
    const list = [
      encounter('e1', { start: '2026-11-02T09:30:00Z', type: 'A&E attendance', status: 'in-progress' }, ACUTE),
      encounter('e2', { start: '2026-10-01', type: 'Telephone consultation', reason: 'Medication review' }),
    ];
    render(<EncounterList encounters={list} duplicates={new Set(['ouse-valley-acute/Encounter/e1'])} />);
    const [first, second] = rows();
    expect(first).toHaveTextContent('02-Nov-2026A&E attendanceIn progressAlso recorded by another organisation that dayOuse Valley Hospitals NHS Foundation Trust');
    expect(second).toHaveTextContent('01-Oct-2026Telephone consultationMedication reviewRiverside Medical Practice');
    expect(second).toHaveAttribute('aria-posinset', '2');
    expect(second).toHaveAttribute('aria-setsize', '2');
    expect(screen.getByRole('status')).toHaveTextContent('Showing all 2 encounters, newest first');
  });

  it('renders only the rows in view of a 4,000-contact history, and the oldest once scrolled to the end', () => {
    const list = Array.from({ length: 4000 }, (_, i) => encounter(`e${i}`, { start: '2020-01-01', type: `Contact ${i + 1}` }));
    render(<EncounterList encounters={list} duplicates={new Set()} />);
    expect(rows().length).toBeGreaterThan(5);
    expect(rows().length).toBeLessThan(200);
    expect(screen.getByText('Contact 1')).toBeInTheDocument();
    expect(screen.queryByText('Contact 4000')).not.toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Showing all 4,000 encounters');

    const box = screen.getByRole('region', { name: /^Encounter list/ });
    Object.defineProperty(box, 'scrollTop', { configurable: true, value: 4000 * 32 - 420 });
    fireEvent.scroll(box);
    expect(screen.getByText('Contact 4000')).toBeInTheDocument();
    expect(screen.queryByText('Contact 1')).not.toBeInTheDocument();
    expect(rows().length).toBeLessThan(200);
  }, 15_000); // a loaded CI machine: jsdom is slow, the assertion is about the DOM, not speed

  it('goes to the oldest with End and back to the newest with Home, from the list', async () => {
    const list = Array.from({ length: 500 }, (_, i) => encounter(`e${i}`, { start: '2020-01-01', type: `Contact ${i + 1}` }));
    render(<EncounterList encounters={list} duplicates={new Set()} />);
    const box = screen.getByRole('region', { name: /^Encounter list/ });
    let top = 0;
    Object.defineProperty(box, 'scrollTop', { configurable: true, get: () => top, set: (v: number) => (top = v) });
    Object.defineProperty(box, 'scrollHeight', { configurable: true, get: () => 500 * 32 });
    box.scrollTo = ((o: ScrollToOptions) => {
      top = o.top ?? top;
      fireEvent.scroll(box);
    }) as typeof box.scrollTo;
    box.focus();
    await userEvent.keyboard('{End}');
    expect(await screen.findByText('Contact 500')).toBeInTheDocument();
    await userEvent.keyboard('{Home}');
    expect(await screen.findByText('Contact 1')).toBeInTheDocument();
  });

  it('a new filter starts at the newest; more records arriving at the top read no size from the page', async () => {
    const list = Array.from({ length: 500 }, (_, i) => encounter(`e${i}`, { start: '2020-01-01', type: i % 2 ? 'Home visit' : 'Telephone consultation' }));
    const { rerender } = render(<EncounterList encounters={list} duplicates={new Set()} />);
    const box = screen.getByRole('region', { name: /^Encounter list/ });
    let top = 0;
    const heightReads = vi.fn(() => 500 * 32);
    Object.defineProperty(box, 'scrollTop', { configurable: true, get: () => top, set: (v: number) => (top = v) });
    Object.defineProperty(box, 'scrollHeight', { configurable: true, get: heightReads });
    box.scrollTo = ((o: ScrollToOptions) => {
      top = o.top ?? top;
      fireEvent.scroll(box);
    }) as typeof box.scrollTo;

    // The record grows while the list is at the top: reading scrollHeight would force a layout of the page each time.
    rerender(<EncounterList encounters={[...list, encounter('late', { start: '2019-01-01', type: 'Home visit' })]} duplicates={new Set()} />);
    expect(heightReads).not.toHaveBeenCalled();

    top = 300 * 32;
    fireEvent.scroll(box);
    await userEvent.selectOptions(screen.getByLabelText('Type'), 'Home visit (251)');
    expect(top).toBe(0);
  }, 15_000);

  it('takes the scroll box’s size from its ResizeObserver, reading none of it from the page before the first report', () => {
    const reports: (() => void)[] = [];
    vi.stubGlobal('ResizeObserver', class {
      constructor(private readonly cb: (entries: ResizeObserverEntry[]) => void) {}
      observe() { reports.push(() => this.cb([])); }
      unobserve() {}
      disconnect() {}
    });
    const reads: Element[] = [];
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(function (this: HTMLElement) {
      reads.push(this);
      return 64; // two rows
    });
    const list = Array.from({ length: 100 }, (_, i) => encounter(`e${i}`, { start: '2020-01-01', type: `Contact ${i + 1}` }));
    render(<EncounterList encounters={list} duplicates={new Set()} />);
    const box = screen.getByRole('region', { name: /^Encounter list/ });
    expect(reads).not.toContain(box);
    const before = rows().length; // the initial 420 px window, and the overscan either side
    expect(before).toBeGreaterThan(13);
    act(() => reports.forEach((report) => report()));
    expect(reads).toContain(box);
    expect(rows().length).toBeLessThan(before); // the reported 64 px window: two rows and the overscan
    vi.unstubAllGlobals();
  });

  it('does not write the scroll position of a list that appears at the top (a forced layout of the page)', () => {
    const scrolled = vi.fn();
    Object.defineProperty(HTMLElement.prototype, 'scrollTo', { configurable: true, writable: true, value: scrolled });
    try {
      const list = Array.from({ length: 100 }, (_, i) => encounter(`e${i}`, { start: '2020-01-01', type: `Contact ${i + 1}` }));
      render(<EncounterList encounters={list} duplicates={new Set()} />);
      expect(screen.getByText('Contact 1')).toBeInTheDocument();
      expect(scrolled).not.toHaveBeenCalled();
    } finally {
      delete (HTMLElement.prototype as { scrollTo?: unknown }).scrollTo;
    }
  });

  it('filters by organisation, type and date range, saying how many are shown, and clears', async () => {
    const list = [
      encounter('e1', { start: '2026-11-02T09:30:00Z', type: 'A&E attendance' }, ACUTE),
      encounter('e2', { start: '2026-10-01', type: 'Telephone consultation' }),
      encounter('e3', { start: '2025-03-01', type: 'Telephone consultation' }),
    ];
    render(<EncounterList encounters={list} duplicates={new Set()} />);
    await userEvent.selectOptions(screen.getByLabelText('Organisation'), 'Riverside Medical Practice (2)');
    expect(screen.getByRole('status')).toHaveTextContent('Showing 2 of 3 encounters');
    await userEvent.selectOptions(screen.getByLabelText('Type'), 'Telephone consultation (2)');
    await userEvent.type(screen.getByLabelText('From'), '2026-01-01');
    expect(screen.getByRole('status')).toHaveTextContent('Showing 1 of 3 encounters');
    expect(rows()).toHaveLength(1);
    await userEvent.type(screen.getByLabelText('To'), '2025-12-31');
    expect(screen.getByText('The from date must be on or before the to date')).toBeInTheDocument();
    expect(screen.getByText('No encounters match these filters.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(screen.getByRole('status')).toHaveTextContent('Showing all 3 encounters');
  }, 15_000);

  it('offers only the chosen organisation’s types, and drops a type that organisation does not hold', async () => {
    const list = [
      encounter('e1', { start: '2026-11-02T09:30:00Z', type: 'A&E attendance' }, ACUTE),
      encounter('e2', { start: '2026-10-01', type: 'Telephone consultation' }),
      encounter('e3', { start: '2025-03-01', type: 'Telephone consultation' }),
    ];
    render(<EncounterList encounters={list} duplicates={new Set()} />);
    await userEvent.selectOptions(screen.getByLabelText('Type'), screen.getByRole('option', { name: /^A&E attendance/ }));
    await userEvent.selectOptions(screen.getByLabelText('Organisation'), 'Riverside Medical Practice (2)');
    expect(screen.getByLabelText('Type')).toHaveValue('');
    expect([...(screen.getByLabelText('Type') as HTMLSelectElement).options].map((o) => o.text)).toEqual(['All types', 'Telephone consultation (2)']);
    expect(screen.getByRole('status')).toHaveTextContent('Showing 2 of 3 encounters');
  });

  it('says "Showing 1 encounter" for a list of one', () => {
    render(<EncounterList encounters={[encounter('e1', { start: '2026-10-01' })]} duplicates={new Set()} />);
    expect(screen.getByRole('status')).toHaveTextContent(/^Showing 1 encounter$/);
  });

  it('opens a contact’s detail from its View button', async () => {
    const onOpen = vi.fn();
    const e1 = encounter('e1', { start: '2026-11-02T09:30:00Z', type: 'A&E attendance' }, ACUTE);
    render(<EncounterList encounters={[e1]} duplicates={new Set()} onOpen={onOpen} />);
    await userEvent.click(screen.getByRole('button', { name: 'View A&E attendance, 02-Nov-2026, Ouse Valley Hospitals NHS Foundation Trust' }));
    expect(onOpen).toHaveBeenCalledWith(e1);
  });
});
