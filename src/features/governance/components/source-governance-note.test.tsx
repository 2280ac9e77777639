import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { SourceGovernanceNote } from './source-governance-note';

const FENLAND = 'Fenland Mental Health NHS Foundation Trust';

describe('SourceGovernanceNote', () => {
  it('takes focus to the reason when "Reveal restricted items" opens its form, and back to the button on Cancel', async () => {
    render(<SourceGovernanceNote organisationName={FENLAND} withheld={{ revealable: 2, never: 0, server: 0 }} mayReveal revealed={false} onReveal={vi.fn(async () => undefined)} />);
    await userEvent.click(screen.getByRole('button', { name: `Reveal restricted items from ${FENLAND}` }));
    expect(screen.getByLabelText('Why do you need to see these 2 restricted items?')).toHaveFocus();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('button', { name: `Reveal restricted items from ${FENLAND}` })).toHaveFocus();
  });

  it('opens it from the keyboard too', async () => {
    render(<SourceGovernanceNote organisationName={FENLAND} withheld={{ revealable: 1, never: 1, server: 0 }} mayReveal revealed={false} onReveal={vi.fn(async () => undefined)} />);
    screen.getByRole('button', { name: `Reveal restricted items from ${FENLAND}` }).focus();
    await userEvent.keyboard('{Enter}');
    expect(screen.getByLabelText('Why do you need to see this restricted item?')).toHaveFocus();
  });
});
