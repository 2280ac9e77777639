import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { groupAlerts } from '../../../domain/group-alerts';
import { ACUTE, GP, alert } from '../../../testing/records';
import { AdvanceDecisions, AlertList } from './alert-list';

const SCT = 'http://snomed.info/sct';
const safeguarding = alert('f1', { text: 'Adult safeguarding concern', category: 'Safety', start: '2026-05-06' });
const penicillin = alert('a1', { resourceType: 'AllergyIntolerance', text: 'Penicillin', category: 'allergy', reactions: ['Rash', 'Wheeze'], severity: 'severe', criticality: 'high', codes: [{ system: SCT, code: '764146007' }], allergyCategories: ['medication'] }, ACUTE);
const penicillinGp = alert('a2', { resourceType: 'AllergyIntolerance', text: 'Penicillin', category: 'allergy', severity: 'mild', criticality: 'low', start: '2019-05-01', codes: [{ system: SCT, code: '764146007' }] }, GP);
const nkda = alert('n1', { resourceType: 'AllergyIntolerance', text: 'No known drug allergy (situation)', category: 'allergy', start: '2024-02-01', codes: [{ system: SCT, code: '409137002' }] }, GP);
const healed = alert('f2', { text: 'Pressure ulcer risk', status: 'inactive', category: 'Clinical' });
const respect = alert('f3', { text: 'ReSPECT form completed: not for cardiopulmonary resuscitation', category: 'Advance Directive', codes: [{ system: SCT, code: '304253006' }] });

describe('AlertList', () => {
  it('puts active alerts in a warning callout, one line with every organisation', () => {
    render(<AlertList summary={groupAlerts([safeguarding, alert('f9', { text: 'Adult safeguarding concern', category: 'Safety' }, ACUTE), healed])} />);
    expect(screen.getByRole('heading', { level: 3, name: /Important:\s?Active alerts \(1\)/ })).toBeInTheDocument();
    const lines = screen.getAllByRole('listitem').filter((li) => li.classList.contains('alert-line'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toHaveTextContent(/Adult safeguarding concern.*Riverside Medical Practice 06-May-2026.*Ouse Valley Hospitals NHS Foundation Trust date not recorded/);
  });

  it('shows one allergy line from two organisations with the most severe criticality and severity, in words', () => {
    render(<AlertList summary={groupAlerts([penicillin, penicillinGp])} />);
    const table = screen.getByRole('table', { name: 'Allergies and intolerances (1)' });
    const row = within(table).getByRole('row', { name: /^Penicillin/ });
    expect(row).toHaveTextContent(/PenicillinAllergyRash, WheezeSevereHigh risk/);
    expect(row).toHaveTextContent('Ouse Valley Hospitals NHS Foundation Trust');
    expect(row).toHaveTextContent('Riverside Medical Practice 01-May-2019');
  });

  it('shows "no known drug allergy" as a statement, flagged against penicillin elsewhere, and penicillin flagged too', () => {
    render(<AlertList summary={groupAlerts([nkda, penicillin])} />);
    expect(screen.getByRole('list', { name: 'No known allergy statements' })).toHaveTextContent(
      'Riverside Medical Practice records “No known drug allergy (situation)”, 01-Feb-2024Check: Conflicts with Penicillin recorded elsewhere',
    );
    expect(screen.getByRole('row', { name: /^Penicillin/ })).toHaveTextContent('Check: Riverside Medical Practice records no known allergy');
    expect(screen.queryByRole('row', { name: /No known drug allergy/ })).toBeNull();
  });

  it('says which entries were ruled out, and folds away what is no longer in force', () => {
    render(<AlertList summary={groupAlerts([healed, { ...penicillinGp, status: 'refuted' }])} />);
    expect(screen.getByText('Not listed: Penicillin, ruled out (refuted) by Riverside Medical Practice.')).toBeInTheDocument();
    const details = screen.getByText('Alerts and allergies no longer in force (1)').closest('details') as HTMLElement;
    expect(details).not.toHaveAttribute('open');
    expect(within(details).getByRole('row', { name: /Pressure ulcer risk/ })).toHaveTextContent('Inactive');
  });

  it('opens each organisation’s entry from its own View button', async () => {
    const onOpen = vi.fn();
    render(<AlertList summary={groupAlerts([penicillin, penicillinGp])} onOpen={onOpen} />);
    await userEvent.click(screen.getByRole('button', { name: 'View Penicillin from Riverside Medical Practice' }));
    expect(onOpen).toHaveBeenCalledWith(penicillinGp);
  });

  it('shows resuscitation decisions apart, and the alerts section says where', () => {
    const summary = groupAlerts([respect, safeguarding]);
    render(<><AdvanceDecisions groups={summary.advanceDecisions} /><AlertList summary={summary} /></>);
    expect(screen.getByRole('region', { name: /Resuscitation and end-of-life decisions/ })).toHaveTextContent('ReSPECT form completed');
    expect(screen.getByText('Resuscitation and end-of-life decisions (1) are shown at the top of the record.')).toBeInTheDocument();
  });

  it('renders server text as text', () => {
    const { container } = render(<AlertList summary={groupAlerts([alert('f1', { text: '<img src=x onerror=alert(1)>' })])} />);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeInTheDocument();
  });
});
