import { render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { NoneRecorded, RecordSection, type SectionCoverage } from './record-section';

const coverage = (c: Partial<SectionCoverage>): SectionCoverage => ({ answered: [], loading: [], missing: [], ...c });
const section = () => within(screen.getByRole('region', { name: 'Medications' }));

function Thrower(): never {
  throw new Error('bad data');
}

describe('RecordSection', () => {
  it('is loading until a first organisation answers', () => {
    render(<RecordSection title="Medications" noun="medications" coverage={coverage({ loading: ['A'] })} isEmpty>items</RecordSection>);
    expect(section().getByRole('status')).toHaveTextContent('Loading medications…');
  });

  it('says how many organisations an empty section covers', () => {
    render(<RecordSection title="Medications" noun="medications" coverage={coverage({ answered: ['A', 'B'] })} isEmpty>items</RecordSection>);
    expect(section().getByText('No medications recorded at the 2 organisations that answered.')).toBeInTheDocument();
  });

  it('does not say "none recorded" while an organisation that may hold some is still loading', () => {
    render(<RecordSection title="Alerts" noun="alerts" coverage={coverage({ answered: ['A', 'B', 'C'], loading: ['D'] })} isEmpty>items</RecordSection>);
    const alerts = within(screen.getByRole('region', { name: 'Alerts' }));
    expect(alerts.queryByText(/No alerts recorded/)).toBeNull();
    expect(alerts.getByRole('status')).toHaveTextContent('Loading alerts…');
    expect(alerts.getByText('Still loading from: D.')).toBeInTheDocument();
  });

  it('shows its items with notes naming what is missing and what is still loading', () => {
    render(
      <RecordSection
        title="Medications"
        noun="medications"
        coverage={coverage({ answered: ['A'], loading: ['C'], missing: [{ name: 'B', why: 'failed' }] })}
        isEmpty={false}
      >
        <p>the items</p>
      </RecordSection>,
    );
    expect(section().getByText('the items')).toBeInTheDocument();
    expect(section().getByText('Not shown from: B (failed).')).toBeInTheDocument();
    expect(section().getByText('Still loading from: C.')).toBeInTheDocument();
  });

  it('says "none" for part of a section only for the organisations heard from, "so far" while others load', () => {
    const { rerender } = render(
      <RecordSection title="Alerts" noun="alerts" coverage={coverage({ answered: ['A', 'B'], loading: ['C'] })} isEmpty={false}>
        <NoneRecorded what="active alerts" />
        <p>Penicillin allergy</p>
      </RecordSection>,
    );
    const alerts = () => within(screen.getByRole('region', { name: 'Alerts' }));
    expect(alerts().getByText('No active alerts so far: the 2 organisations that answered record none.')).toBeInTheDocument();
    expect(alerts().queryByText(/No active alerts recorded/)).toBeNull();
    rerender(
      <RecordSection title="Alerts" noun="alerts" coverage={coverage({ answered: ['A'], missing: [{ name: 'B', why: 'failed' }] })} isEmpty={false}>
        <NoneRecorded what="active alerts" />
      </RecordSection>,
    );
    expect(alerts().getByText('No active alerts recorded at the 1 organisation that answered.')).toBeInTheDocument();
  });

  it('says plainly "none recorded" for a list drawn outside any section', () => {
    render(<NoneRecorded what="current medications" />);
    expect(screen.getByText('No current medications recorded.')).toBeInTheDocument();
  });

  it('says so when no organisation answered at all', () => {
    render(<RecordSection title="Medications" noun="medications" coverage={coverage({ missing: [{ name: 'B', why: 'timed out' }] })} isEmpty>x</RecordSection>);
    expect(section().getByText('No organisation answered, so no medications can be shown.')).toBeInTheDocument();
  });

  it('keeps a failure inside the section, heading still in place', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(
      <>
        <RecordSection title="Medications" noun="medications" coverage={coverage({ answered: ['A'] })} isEmpty={false}>
          <Thrower />
        </RecordSection>
        <p>the rest of the page</p>
      </>,
    );
    expect(section().getByRole('alert')).toHaveTextContent('Medications could not be shown');
    expect(screen.getByText('the rest of the page')).toBeInTheDocument();
    vi.restoreAllMocks();
  });
});
