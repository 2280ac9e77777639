import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { configInput } from '../testing/config';
import { renderWithQuery } from '../testing/render';
import { AWAITING_LOCATOR } from './record-locator-gate';
import { MergedRecord } from './merged-record';

const identity = { nhsNumber: '9990000018', family: 'Ashby', given: ['Eleanor'], birthDate: '1941-03-02' };
const now = () => new Date('2026-12-05T12:00:00Z');

describe('the record while the record locator has not answered', () => {
  it('says it is still loading the organisations not yet named, and never "Complete"', async () => {
    // No organisation known yet (no registered practice, launched from outside the region).
    renderWithQuery(<MergedRecord identity={identity} config={{ ...configInput(), endpoints: [] }} accesses={new Map()} now={now} awaiting={AWAITING_LOCATOR} />);
    const overall = (await screen.findAllByRole('status')).find((e) => e.classList.contains('source-overall'))!;
    expect(overall).toHaveTextContent('Still loading: Other organisations (the record locator is being asked which hold records)');
    expect(overall).not.toHaveTextContent(/Complete/);
    // Each section is still loading, rather than saying none are recorded or that no one answered.
    const alerts = screen.getByRole('region', { name: /Alerts/ });
    expect(within(alerts).getByText('Loading alerts…')).toBeInTheDocument();
    expect(within(alerts).queryByText(/No organisation answered|No alerts/)).not.toBeInTheDocument();
  });

  it('once the locator answered (nothing awaited), no such line is left', async () => {
    renderWithQuery(<MergedRecord identity={identity} config={{ ...configInput(), endpoints: [] }} accesses={new Map()} now={now} />);
    const overall = (await screen.findAllByRole('status')).find((e) => e.classList.contains('source-overall'))!;
    expect(overall).not.toHaveTextContent(/record locator/);
  });
});
