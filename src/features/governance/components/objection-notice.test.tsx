import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ObjectionNotice } from './objection-notice';

const FENLAND = { endpointId: 'fenland-mh', organisationName: 'Fenland Mental Health NHS Foundation Trust', heldBy: ['register' as const] };

describe('ObjectionNotice', () => {
  it('says which organisation the patient objected to and that nothing of it is shown', () => {
    render(<ObjectionNotice organisations={[FENLAND]} mayOverride onOverride={vi.fn()} />);
    expect(screen.getByRole('region', { name: 'Patient objections' })).toHaveTextContent(
      'Fenland Mental Health NHS Foundation Trust: the patient has objected to sharing these records (recorded on the objection register). Nothing from this organisation is shown.',
    );
  });

  it('offers no override to a role the policy does not allow', () => {
    render(<ObjectionNotice organisations={[FENLAND]} mayOverride={false} onOverride={vi.fn()} />);
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.getByText('Your role may not override an objection.')).toBeInTheDocument();
  });

  it('needs a reason from the list and the user’s words before overriding', async () => {
    const onOverride = vi.fn(async () => undefined);
    render(<ObjectionNotice organisations={[FENLAND]} mayOverride onOverride={onOverride} />);
    await userEvent.click(screen.getByRole('button', { name: 'Override the objection to Fenland Mental Health NHS Foundation Trust' }));
    const form = within(screen.getByRole('form'));
    await userEvent.click(form.getByRole('button', { name: 'Override the objection' }));
    // NHS error summary: each problem links to its field; the fields say it too.
    const summary = form.getByRole('alert');
    expect(summary).toHaveTextContent('There is a problem');
    expect(within(summary).getByRole('link', { name: 'Choose a reason' })).toHaveAttribute('href', `#${form.getAllByRole('radio')[0]!.id}`);
    expect(within(summary).getByRole('link', { name: 'Say why, in at least 10 characters' })).toHaveAttribute('href', `#${form.getByLabelText('Why this is needed now').id}`);
    expect(summary).toHaveFocus();
    expect(form.getAllByRole('radio').map((o) => o.closest('div')?.textContent)).toEqual([
      'Safeguarding concern', 'Risk of harm to the patient or others', 'Public interest', 'The care needed cannot be given safely without it',
    ]);
    expect(form.getByRole('group', { name: 'Reason' })).toHaveAccessibleDescription(/Choose a reason/);
    await userEvent.click(form.getByRole('radio', { name: 'Safeguarding concern' }));
    await userEvent.type(form.getByLabelText('Why this is needed now'), 'short');
    await userEvent.click(form.getByRole('button', { name: 'Override the objection' }));
    expect(form.getByRole('alert')).toHaveTextContent('Say why, in at least 10 characters');
    expect(form.getByRole('alert')).not.toHaveTextContent('Choose a reason');
    await userEvent.type(form.getByLabelText('Why this is needed now'), ' but now long enough');
    await userEvent.click(form.getByRole('button', { name: 'Override the objection' }));
    expect(onOverride).toHaveBeenCalledWith('fenland-mh', 'safeguarding', 'short but now long enough');
  });

  it('takes focus into the form it opens (the button it replaces is gone), and back to the button on Cancel', async () => {
    render(<ObjectionNotice organisations={[FENLAND, { ...FENLAND, endpointId: 'stort-acute', organisationName: 'Lea and Stort Hospitals NHS Trust' }]} mayOverride onOverride={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'Override the objection to Lea and Stort Hospitals NHS Trust' }));
    expect(screen.getByRole('radio', { name: 'Safeguarding concern' })).toHaveFocus();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('button', { name: 'Override the objection to Lea and Stort Hospitals NHS Trust' })).toHaveFocus();
  });

  it('renders the user’s words as text', () => {
    render(<ObjectionNotice organisations={[{ ...FENLAND, organisationName: '<img src=x onerror=alert(1)>' }]} mayOverride={false} onOverride={vi.fn()} />);
    expect(document.querySelector('img')).toBeNull();
  });
});
