import { act, render, screen } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import { useElementWidth } from './use-element-width';

function Measured() {
  const [ref, width] = useElementWidth<HTMLDivElement>(960);
  return <div ref={ref}>{`${width} px`}</div>;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

it('reads no width from the page when the element is put in it, and takes the observer’s report', () => {
  const reports: (() => void)[] = [];
  vi.stubGlobal('ResizeObserver', class {
    constructor(private readonly cb: () => void) {}
    observe() { reports.push(() => this.cb()); }
    unobserve() {}
    disconnect() {}
  });
  const reads = vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(612.6);
  render(<Measured />);
  expect(screen.getByText('960 px')).toBeInTheDocument();
  expect(reads).not.toHaveBeenCalled();
  act(() => reports.forEach((report) => report()));
  expect(screen.getByText('612 px')).toBeInTheDocument();
});

it('keeps the fallback where there is no ResizeObserver (no layout)', () => {
  vi.stubGlobal('ResizeObserver', undefined);
  render(<Measured />);
  expect(screen.getByText('960 px')).toBeInTheDocument();
});
