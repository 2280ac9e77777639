import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { Dialog } from './dialog';

function Page() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open details
      </button>
      {open && (
        <Dialog title="Metformin 500mg tablets" caption="Medication" onClose={() => setOpen(false)}>
          <p>Dose: one twice a day</p>
          <button type="button">Show all fields</button>
        </Dialog>
      )}
    </>
  );
}

describe('Dialog', () => {
  it('opens named by its title with focus on the title, and Escape closes it back to the opener', async () => {
    render(<Page />);
    const opener = screen.getByRole('button', { name: 'Open details' });
    await userEvent.click(opener);
    const dialog = screen.getByRole('dialog', { name: /^Medication\s?-\s?Metformin 500mg tablets$/ });
    expect(dialog).toHaveTextContent('Dose: one twice a day');
    expect(screen.getByRole('heading', { level: 2 })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(opener).toHaveFocus();
  });

  it('closes with its Close button', async () => {
    render(<Page />);
    await userEvent.click(screen.getByRole('button', { name: 'Open details' }));
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Open details' })).toHaveFocus();
  });

  it('keeps Tab among its own controls, wrapping at either end', async () => {
    vi.spyOn(Element.prototype, 'getClientRects').mockReturnValue([{}] as unknown as DOMRectList); // jsdom has no layout
    render(<Page />);
    await userEvent.click(screen.getByRole('button', { name: 'Open details' }));
    const close = screen.getByRole('button', { name: 'Close' });
    const inner = screen.getByRole('button', { name: 'Show all fields' });
    await userEvent.tab();
    expect(close).toHaveFocus();
    await userEvent.tab();
    expect(inner).toHaveFocus();
    await userEvent.tab();
    expect(close).toHaveFocus();
    await userEvent.tab({ shift: true });
    expect(inner).toHaveFocus();
    vi.restoreAllMocks();
  });
});
